package io.docverify.adapter.dwolla;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads an event's ISO-8601 date-time with an offset, as {@code OffsetDateTime.parse(text).toInstant()} does, with a
 * fast path for the form Dwolla writes ({@code 2019-05-30T18:21:11.490Z}: UTC, zero to nine fraction digits).
 * {@code OffsetDateTime.parse} builds a field map per call and was about a tenth of the webhook intake's work; the
 * fast path reads the digits directly and gives the same instant. Any other text (another offset, a field out of
 * range, anything malformed) goes to {@code OffsetDateTime.parse}, so what is accepted or refused does not change.
 */
final class UtcInstants {
    private static final int SHORTEST = "2019-05-30T18:21:11Z".length();

    private UtcInstants() {
    }

    /**
     * The instant of {@code text}.
     *
     * @throws java.time.format.DateTimeParseException as {@code OffsetDateTime.parse} does
     */
    static Instant parse(String text) {
        Instant fast = fastUtc(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in range, else null. */
    static Instant fastUtc(String s) {
        int n = s.length();
        if (n < SHORTEST || n > SHORTEST + 10 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > SHORTEST) {
            int fraction = n - SHORTEST - 1;
            if (s.charAt(19) != '.' || fraction < 1) {
                return null;
            }
            nanos = digits(s, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not one. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
