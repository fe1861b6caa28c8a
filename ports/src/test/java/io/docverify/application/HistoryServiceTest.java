package io.docverify.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.in.HistoryRequest;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryPage;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryServiceTest {
    private static final HistoryQuery.Subject DOCUMENT = new HistoryQuery.OfDocument(new DocumentId("d-1"));

    /** A journal that records the history queries it is asked and answers an empty last page. */
    private static final class QueryRecorder implements Journal {
        final List<HistoryQuery> queries = new ArrayList<>();

        @Override
        public CompletionStage<HistoryPage> history(HistoryQuery query) {
            queries.add(query);
            return CompletableFuture.completedFuture(new HistoryPage(List.of(), OptionalLong.empty()));
        }

        @Override
        public CompletionStage<Long> uploadStarted(UploadAttempt attempt) {
            throw new UnsupportedOperationException("a history query never writes to the journal");
        }

        @Override
        public CompletionStage<Long> uploadEnded(long attemptId, UploadOutcome outcome) {
            throw new UnsupportedOperationException("a history query never writes to the journal");
        }

        @Override
        public CompletionStage<Long> changed(DocumentChange change) {
            throw new UnsupportedOperationException("a history query never writes to the journal");
        }

        @Override
        public CompletionStage<List<JournalEntry>> changesSince(long sequence, int limit) {
            throw new UnsupportedOperationException("a history query never writes to the journal");
        }

        @Override
        public CompletionStage<Void> renewLease(String replica, Duration lease) {
            throw new UnsupportedOperationException("a history query never writes to the journal");
        }

        @Override
        public CompletionStage<Long> prune(java.time.Instant before) {
            throw new UnsupportedOperationException("a history query never writes to the journal");
        }
    }

    @ParameterizedTest(name = "page size {0} reads {1}")
    @CsvSource({"0,100", "1,1", "7,7", "500,500", "501,500", "2147483647,500"})
    void thePageSizeHasADefaultAndABound(int pageSize, int limit) {
        var journal = new QueryRecorder();
        var owner = new HistoryQuery.OfOwner(new CustomerId("c-1"));

        new HistoryService(journal).history(new HistoryRequest(owner, 42, pageSize)).toCompletableFuture().join();

        assertThat(journal.queries).containsExactly(new HistoryQuery(owner, 42, limit));
    }

    @Test
    void theFirstPageStartsAtTheBeginning() {
        var journal = new QueryRecorder();

        new HistoryService(journal).history(HistoryRequest.of(DOCUMENT)).toCompletableFuture().join();

        assertThat(journal.queries).containsExactly(HistoryQuery.of(new DocumentId("d-1")));
    }

    @Test
    void aNegativePageSizeIsAValidationErrorOnPageSize() {
        var e = catchThrowableOfType(() -> new HistoryRequest(DOCUMENT, 0, -1), DocumentException.class);

        assertThat(e.error().code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.error().fieldErrors()).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo("/pageSize"));
    }
}
