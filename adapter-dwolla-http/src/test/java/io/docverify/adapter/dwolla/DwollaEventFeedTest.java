package io.docverify.adapter.dwolla;

import static io.docverify.adapter.dwolla.FaultMatrixTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.out.EventFeed;
import io.docverify.ports.out.EventPage;
import io.docverify.ports.out.ProviderEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DwollaEventFeed} against a scripted Dwolla on 127.0.0.1 ({@link ScriptedDwolla}, started by the test):
 * paging, argument bounds, token renewal, retries and Dwolla's errors, over the provider's own machinery.
 */
class DwollaEventFeedTest {
    private static final int TOTAL = 7;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private ScriptedDwolla dwolla;
    private DwollaDocumentProvider provider;

    @BeforeEach
    void start() throws Exception {
        dwolla = new ScriptedDwolla();
        provider = DwollaDocumentProvider.create(Harness.fast(dwolla.baseUrl()).maxAttempts(3).build(), registry);
    }

    @AfterEach
    void stop() throws Exception {
        provider.close();
        dwolla.close();
    }

    /** Events e6 (newest) to e0, paged as Dwolla pages them. */
    private void answerPages(HttpServerRequest request, int call) {
        seen.add(request.getHeader("Accept") + " " + request.getHeader("Authorization") + " " + request.query());
        int limit = Integer.parseInt(request.getParam("limit"));
        int offset = Integer.parseInt(request.getParam("offset"));
        String events = IntStream.range(offset, Math.min(TOTAL, offset + limit))
                .mapToObj(i -> event("e" + (TOTAL - 1 - i))).collect(Collectors.joining(","));
        ScriptedDwolla.json(request, 200, "{\"_links\":{},\"_embedded\":{\"events\":[" + events + "]},\"total\":"
                + TOTAL + "}");
    }

    private static String event(String id) {
        return "{\"_links\":{\"resource\":{\"href\":\"https://api.dwolla.com/documents/d-" + id + "\"}},\"id\":\""
                + id + "\",\"created\":\"2026-12-01T10:00:00Z\",\"topic\":\"customer_verification_document_approved\","
                + "\"resourceId\":\"d-" + id + "\"}";
    }

    @Test
    void pagesBackThroughDwollasEvents() {
        dwolla.on("GET /events", (request, body, call) -> answerPages(request, call));
        EventFeed feed = provider.eventFeed();

        EventPage first = feed.page(0, 3).toCompletableFuture().join();
        EventPage second = feed.page(3, 3).toCompletableFuture().join();
        EventPage last = feed.page(6, 3).toCompletableFuture().join();
        EventPage beyond = feed.page(9, 3).toCompletableFuture().join();

        assertThat(first.events()).extracting(ProviderEvent::id).containsExactly("e6", "e5", "e4");
        assertThat(second.events()).extracting(ProviderEvent::id).containsExactly("e3", "e2", "e1");
        assertThat(last.events()).extracting(ProviderEvent::id).containsExactly("e0");
        assertThat(beyond.events()).isEmpty();
        assertThat(first.total()).isEqualTo(TOTAL);
        assertThat(first.events().get(0).resource()).hasValueSatisfying(
                uri -> assertThat(uri.toString()).isEqualTo("https://api.dwolla.com/documents/d-e6"));
        assertThat(seen).containsExactly(
                "application/vnd.dwolla.v1.hal+json Bearer scripted-token limit=3&offset=0",
                "application/vnd.dwolla.v1.hal+json Bearer scripted-token limit=3&offset=3",
                "application/vnd.dwolla.v1.hal+json Bearer scripted-token limit=3&offset=6",
                "application/vnd.dwolla.v1.hal+json Bearer scripted-token limit=3&offset=9");
        assertThat(provider.eventFeed()).isSameAs(feed);
        assertThat(registry.get(DwollaMetrics.CALLS).tags("operation", "events", "outcome", "success").timer()
                .count()).isEqualTo(4);
        assertThat(registry.get(DwollaMetrics.REQUESTS).tags("route", "events", "status", "200").timer().count())
                .isEqualTo(4);
    }

    @Test
    void refusesALimitOrOffsetOutOfBoundsBeforeSending() {
        dwolla.on("GET /events", (request, body, call) -> answerPages(request, call));
        EventFeed feed = provider.eventFeed();

        assertThatThrownBy(() -> feed.page(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be 1 to 200, was 0");
        assertThatThrownBy(() -> feed.page(0, EventFeed.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 201");
        assertThatThrownBy(() -> feed.page(-1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset must be at least 0, was -1");
        assertThat(dwolla.calls("GET /events")).isZero();

        assertThat(feed.page(0, 1).toCompletableFuture().join().events()).hasSize(1);
        assertThat(feed.page(0, EventFeed.MAX_LIMIT).toCompletableFuture().join().events()).hasSize(TOTAL);
        assertThat(seen).extracting(s -> s.substring(s.lastIndexOf(' ') + 1))
                .containsExactly("limit=1&offset=0", "limit=200&offset=0");
    }

    @Test
    void anExpiredTokenIsRenewedAndTheReadReplayed() {
        dwolla.on("GET /events", (request, body, call) -> {
            if (call == 1) {
                ScriptedDwolla.json(request, 401, "{\"code\":\"ExpiredAccessToken\",\"message\":\"Generate a new"
                        + " access token\"}");
            } else {
                answerPages(request, call);
            }
        });

        EventPage page = provider.eventFeed().page(0, 2).toCompletableFuture().join();

        assertThat(page.events()).extracting(ProviderEvent::id).containsExactly("e6", "e5");
        assertThat(dwolla.calls("POST /token")).isEqualTo(2);
        assertThat(dwolla.calls("GET /events")).isEqualTo(2);
    }

    @Test
    void aServerErrorIsRetried() {
        dwolla.on("GET /events", (request, body, call) -> {
            if (call == 1) {
                ScriptedDwolla.json(request, 503, "{\"code\":\"ServiceUnavailable\",\"message\":\"Try again.\"}");
            } else {
                answerPages(request, call);
            }
        });

        EventPage page = provider.eventFeed().page(0, 2).toCompletableFuture().join();

        assertThat(page.events()).hasSize(2);
        assertThat(dwolla.calls("GET /events")).isEqualTo(2);
        assertThat(registry.get(DwollaMetrics.REQUESTS).tags("route", "events", "status", "503").timer().count())
                .isEqualTo(1);
    }

    @Test
    void persistentServerErrorsEndAsServiceUnavailableAfterTheAttempts() {
        dwolla.on("GET /events", (request, body, call) ->
                ScriptedDwolla.json(request, 503, "{\"code\":\"ServiceUnavailable\",\"message\":\"Try again.\"}"));

        DocumentException refusal = refusal(provider.eventFeed().page(0, 2));

        assertThat(refusal.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(dwolla.calls("GET /events")).isEqualTo(3);
    }

    @Test
    void dwollasRefusalIsTheCallersTypedErrorWithDwollasCode() {
        dwolla.on("GET /events", (request, body, call) ->
                ScriptedDwolla.json(request, 403, "{\"code\":\"Forbidden\",\"message\":\"Not authorized.\"}"));

        DocumentException refusal = refusal(provider.eventFeed().page(0, 2));

        assertThat(refusal.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(dwolla.calls("GET /events")).as("a refusal is not retried").isEqualTo(1);
    }

    @Test
    void aMalformedPageIsAProtocolErrorThatNamesTheFieldNotTheBody() {
        dwolla.on("GET /events", (request, body, call) -> ScriptedDwolla.json(request, 200,
                "{\"_embedded\":{\"events\":[{\"id\":\"secret-owner-name\",\"created\":\"2026-12-01T10:00:00Z\"}]},"
                        + "\"total\":1}"));

        DocumentException refusal = refusal(provider.eventFeed().page(0, 2));

        assertThat(refusal.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(refusal.getMessage()).contains("_embedded.events[0] has no topic").doesNotContain("secret");
    }

    @Test
    void aClosedProviderFailsItsFeed() throws Exception {
        dwolla.on("GET /events", (request, body, call) -> answerPages(request, call));
        EventFeed feed = provider.eventFeed();
        provider.close();

        assertThat(refusal(feed.page(0, 2)).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(dwolla.calls("GET /events")).isZero();
    }
}
