package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path reads exactly what {@code OffsetDateTime.parse} reads, and refuses exactly what it refuses. */
class UtcInstantsTest {
    /** The reference: the instant, or empty where {@code OffsetDateTime.parse} refuses the text. */
    private static Optional<Instant> reference(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> ours(String text) {
        try {
            return Optional.of(UtcInstants.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void dwollasFormTakesTheFastPathAndReadsTheSameInstant() {
        assertThat(UtcInstants.fastUtc("2019-05-30T18:21:11.490Z")).isEqualTo(Instant.parse("2019-05-30T18:21:11.490Z"));
        assertThat(UtcInstants.fastUtc("2020-02-29T23:59:59Z")).isEqualTo(Instant.parse("2020-02-29T23:59:59Z"));
        assertThat(UtcInstants.fastUtc("2020-01-01T00:00:00.123456789Z")).isEqualTo(
                Instant.parse("2020-01-01T00:00:00.123456789Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2015-10-16T15:58:18.000+02:00", "2021-02-29T00:00:00Z", "2020-13-01T00:00:00Z",
            "2020-01-01T24:00:00Z", "2020-01-01T00:60:00Z", "2020-01-01T00:00:60Z", "2020-01-01T00:00:00.Z",
            "2020-01-01T00:00:00.1234567890Z", "2020-01-01t00:00:00Z", "2020-01-01T00:00:00z", "+2020-01-01T00:00Z",
            "2020-01-01T00:00Z", "2020-1-01T00:00:00Z", "2020-01-01T00:00:00,5Z", "２０２０-01-01T00:00:00Z"})
    void everyOtherFormIsLeftToTheFullParser(String text) {
        assertThat(UtcInstants.fastUtc(text)).as("no fast path").isNull();
        assertThat(ours(text)).isEqualTo(reference(text));
    }

    @Test
    void anyInstantWrittenWithAnyFractionLengthReadsAsTheReferenceDoes() {
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        qt().forAll(longs().between(min, max), integers().between(0, 999_999_999), integers().between(0, 9))
                .checkAssert((seconds, nanos, digits) -> {
                    var time = OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC);
                    String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d", time.getYear(),
                            time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(),
                            time.getSecond()) + (digits == 0 ? "" : "." + String.format("%09d", nanos)
                            .substring(0, digits)) + "Z";
                    assertThat(UtcInstants.fastUtc(text)).as(text).isNotNull();
                    assertThat(ours(text)).as(text).isEqualTo(reference(text));
                });
    }

    @Test
    void anyTextNearTheFormIsReadOrRefusedAsTheReferenceDoes() {
        String base = "2019-05-30T18:21:11.490Z";
        String alphabet = "0123456789-T:.Z+z 9";
        qt().forAll(integers().between(0, base.length() - 1), integers().between(0, alphabet.length() - 1),
                integers().between(0, 2)).checkAssert((at, with, how) -> {
                    String text = switch (how) {
                        case 0 -> base.substring(0, at) + alphabet.charAt(with) + base.substring(at + 1);
                        case 1 -> base.substring(0, at) + alphabet.charAt(with) + base.substring(at);
                        default -> base.substring(0, at) + base.substring(at + 1);
                    };
                    assertThat(ours(text)).as(text).isEqualTo(reference(text));
                });
    }
}
