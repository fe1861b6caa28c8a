package io.docverify.ports.in;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.ports.out.HistoryQuery;
import java.util.Objects;

/**
 * Read one page of a document's or an owner's audit history ({@link ListHistoryUseCase}).
 *
 * @param subject  whose history: {@link HistoryQuery.OfDocument} or {@link HistoryQuery.OfOwner}
 * @param after    the cursor: only entries with a greater sequence (the previous page's {@code next}); 0 for the
 *                 first page; not negative
 * @param pageSize the most entries asked for: 0 means {@link HistoryQuery#DEFAULT_LIMIT}, more than
 *                 {@link HistoryQuery#MAX_LIMIT} means {@link HistoryQuery#MAX_LIMIT}; negative is a
 *                 {@code ValidationError} on {@code /pageSize}
 */
public record HistoryRequest(HistoryQuery.Subject subject, long after, int pageSize) {
    public HistoryRequest {
        Objects.requireNonNull(subject, "subject");
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative: " + after);
        }
        if (pageSize < 0) {
            throw DocumentError.validation(FieldError.INVALID, "/pageSize",
                    "page_size must not be negative (0 means " + HistoryQuery.DEFAULT_LIMIT + ", at most "
                            + HistoryQuery.MAX_LIMIT + ").").toException();
        }
    }

    /** The first page of {@code subject}'s history, of the default size. */
    public static HistoryRequest of(HistoryQuery.Subject subject) {
        return new HistoryRequest(subject, 0, 0);
    }

    /** The page size that is read: {@link #pageSize()} with its default and its bound applied. */
    public int limit() {
        return pageSize == 0 ? HistoryQuery.DEFAULT_LIMIT : Math.min(pageSize, HistoryQuery.MAX_LIMIT);
    }
}
