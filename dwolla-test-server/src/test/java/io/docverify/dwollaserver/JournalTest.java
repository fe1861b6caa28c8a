package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {
    @Test
    void keepsTheLastRequestsUpToItsCapacityInArrivalOrder() {
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().journalCapacity(3)
                .validateAgainstOpenApi(false).build())) {
            var client = new TestClient(server);
            client.login();
            for (String id : List.of("a", "b", "c", "d")) {
                client.get("/documents/" + id);
            }

            assertThat(server.journal().all()).extracting(RecordedRequest::path)
                    .containsExactly("/documents/b", "/documents/c", "/documents/d");
            assertThat(server.journal().count(Route.GET_DOCUMENT)).isEqualTo(3);
            assertThat(server.journal().count(Route.TOKEN)).isZero();
            assertThat(server.journal().inFlight()).isEmpty();
            assertThat(server.openApiViolations()).as("validation off").isEmpty();

            server.journal().clear();
            assertThat(server.journal().all()).isEmpty();
        }
    }
}
