package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.error.ErrorMapping;
import io.docverify.grpc.logs.CapturedLogs;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryRequest;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryPage;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.StoreUnavailableException;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ListDocumentHistory refused before or after it reaches the journal, over a real socket: a key without the
 * {@code audit} scope, and a journal that cannot answer (UNAVAILABLE, retryable, one WARN line without a stack).
 */
class HistoryRefusalsTest {
    private static final String READER_KEY = "history-reader-key-Fm52Xc8Tu1";
    private static final String AUDITOR_KEY = "history-auditor-key-Kd39Wp4Ve6";
    private static final String STORE_MESSAGE = "the journal's database is down at db.internal:5432";

    /** A journal whose reads fail as a store that cannot answer does: in the stage, or thrown at once. */
    private record UnavailableJournal(boolean thrown) implements Journal {
        @Override
        public CompletionStage<HistoryPage> history(HistoryQuery query) {
            var failure = new StoreUnavailableException(STORE_MESSAGE);
            if (thrown) {
                throw failure;
            }
            return CompletableFuture.failedFuture(failure);
        }

        @Override
        public CompletionStage<Long> uploadStarted(UploadAttempt attempt) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(STORE_MESSAGE));
        }

        @Override
        public CompletionStage<Long> uploadEnded(long attemptId, UploadOutcome outcome) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(STORE_MESSAGE));
        }

        @Override
        public CompletionStage<Long> changed(DocumentChange change) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(STORE_MESSAGE));
        }

        @Override
        public CompletionStage<List<JournalEntry>> changesSince(long sequence, int limit) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(STORE_MESSAGE));
        }

        @Override
        public CompletionStage<Void> renewLease(String replica, Duration lease) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(STORE_MESSAGE));
        }

        @Override
        public CompletionStage<Long> prune(java.time.Instant before) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(STORE_MESSAGE));
        }
    }

    private static TestServer server(Journal journal) {
        var settings = TestServer.settings();
        settings.remove("DOCVERIFY_API_KEYS");
        settings.put("DOCVERIFY_SCOPED_API_KEYS", "reader:upload+read+sandbox:" + READER_KEY + ",auditor:audit:"
                + AUDITOR_KEY);
        return TestServer.start(TestServer.Kind.SOCKET, new InMemoryBackend(InMemoryConfig.DEFAULTS),
                ConfigReader.read(settings), journal);
    }

    private static final ListDocumentHistoryRequest REQUEST = ListDocumentHistoryRequest.newBuilder()
            .setCustomerId("c-1").build();

    @Test
    void aKeyWithEveryScopeButAuditIsRefusedAndNamesTheScope() {
        try (TestServer server = server(new UnavailableJournal(false))) {
            var error = errorOf(() -> server.documents(READER_KEY).listDocumentHistory(REQUEST));

            assertThat(assertError(error, Status.Code.PERMISSION_DENIED, "InvalidScopes").getMetadataMap())
                    .containsEntry("requiredScope", "audit");
            assertThat(error.getStatus().getDescription()).contains("'reader'", "'audit'")
                    .doesNotContain(READER_KEY);
        }
    }

    @ParameterizedTest(name = "thrown at once: {0}")
    @ValueSource(booleans = {false, true})
    void aJournalThatCannotAnswerIsUnavailableWithARetryHint(boolean thrown) throws Exception {
        try (TestServer server = server(new UnavailableJournal(thrown)); CapturedLogs logs = CapturedLogs.start()) {
            var error = errorOf(() -> server.documents(AUDITOR_KEY).listDocumentHistory(REQUEST));

            assertError(error, Status.Code.UNAVAILABLE, "ServiceUnavailable");
            assertThat(error.getStatus().getDescription()).isEqualTo(ErrorMapping.STORE_UNAVAILABLE)
                    .doesNotContain("db.internal");
            assertThat(StatusProto.fromThrowable(error).getDetailsList()).anySatisfy(d -> {
                assertThat(d.is(RetryInfo.class)).isTrue();
                assertThat(d.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(1);
            });
            assertThat(logs.text()).as("one line naming the caller").contains("history.unavailable", "auditor");
            assertThat(logs.lines()).as(logs.text()).isEqualTo(1);
            assertThat(logs.anyStackTrace()).isFalse();
        }
    }
}
