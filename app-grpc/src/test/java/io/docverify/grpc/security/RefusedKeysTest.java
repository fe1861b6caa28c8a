package io.docverify.grpc.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.logs.CapturedLogs;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that keeps sending wrong API keys: each call is refused (UNAUTHENTICATED), the log says so once per
 * remote address per 10 s with a count (never the key), and after 10 refusals on one connection the server
 * closes that connection, so the guesser pays a new connection every ten tries. Other clients are unaffected.
 */
class RefusedKeysTest {
    private static final String WRONG_KEY = "wrong-key-DVLEAK-9fQ2mZ7x";
    private CapturedLogs logs;

    @BeforeEach
    void capture() {
        logs = CapturedLogs.atInfo();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    private static Status.Code call(DocumentServiceGrpc.DocumentServiceBlockingStub stub) {
        Throwable thrown = catchThrowable(() -> stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .getDocument(GetDocumentRequest.newBuilder().setDocumentId("00000000-0000-0000-0000-000000000000")
                        .build()));
        Status status = Status.fromThrowable(thrown);
        if (status.getCode() == Status.Code.UNKNOWN) {
            System.out.println("RefusedKeysTest: " + status);
        }
        return status.getCode();
    }

    private List<ILoggingEvent> events(String event) {
        return logs.events().stream().filter(e -> e.getKeyValuePairs() != null && e.getKeyValuePairs().stream()
                .anyMatch(kv -> kv.key.equals("event") && event.equals(kv.value))).toList();
    }

    @Test
    void wrongKeysAreLoggedOncePerWindowWithoutTheKeyAndTheConnectionIsClosedAfterTen() throws Exception {
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET)) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.server().port(),
                    InsecureChannelCredentials.create()).build();
            try {
                var guesser = DocumentServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(TestServer.bearer(WRONG_KEY));
                for (int i = 1; i <= 9; i++) {
                    assertThat(call(guesser)).isEqualTo(Status.Code.UNAUTHENTICATED);
                }
                assertThat(channel.getState(false)).as("open after 9 refusals").isEqualTo(ConnectivityState.READY);
                assertThat(call(guesser)).as("the tenth is still answered").isEqualTo(Status.Code.UNAUTHENTICATED);
                Awaitility.await("the server closes the connection after 10 refusals").atMost(10, TimeUnit.SECONDS)
                        .until(() -> channel.getState(false) != ConnectivityState.READY);

                for (int i = 0; i < 190; i++) {
                    // a call racing the close of its connection may end UNAVAILABLE; none gets through
                    assertThat(call(guesser)).isIn(Status.Code.UNAUTHENTICATED, Status.Code.UNAVAILABLE);
                }
                assertThat(Status.fromThrowable(catchThrowable(() -> server.documents().getDocument(
                        GetDocumentRequest.newBuilder().setDocumentId("00000000-0000-0000-0000-000000000000")
                                .build()))).getCode()).as("a client with the right key").isEqualTo(Status.Code.NOT_FOUND);
            } finally {
                channel.shutdownNow();
            }
        }
        List<ILoggingEvent> refused = events("auth.refused");
        assertThat(refused).as("one WARN for 200 refusals within 10 s").hasSize(1);
        assertThat(refused.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(events("auth.connectionClosed")).as("one WARN for the ~20 closed connections").hasSize(1);
        for (ILoggingEvent e : logs.events()) {
            assertThat(e.getFormattedMessage()).doesNotContain(WRONG_KEY);
            if (e.getKeyValuePairs() != null) {
                e.getKeyValuePairs().forEach(kv -> assertThat(String.valueOf(kv.value)).doesNotContain(WRONG_KEY));
            }
        }
    }
}
