package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.docverify.ports.out.EventPage;
import io.docverify.ports.out.ProviderEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Dwolla's event JSON (a webhook body, an element of GET /events) read into {@link ProviderEvent}. */
class DwollaEventJsonTest {
    /** Dwolla's example from dev-portal/webhook-events.mdx, with a document topic. */
    static final String EVENT = """
            {
              "_links": {
                "account": {"href": "https://api-sandbox.dwolla.com/accounts/0ee84069-47c5-455c-b425-633523291dc3",
                            "resource-type": "account", "type": "application/vnd.dwolla.v1.hal+json"},
                "customer": {"href": "https://api-sandbox.dwolla.com/customers/a6f09251-c2de-4833-94a8-5c70916cebbc",
                             "resource-type": "customer", "type": "application/vnd.dwolla.v1.hal+json"},
                "resource": {"href": "https://api-sandbox.dwolla.com/documents/56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc",
                             "type": "application/vnd.dwolla.v1.hal+json"},
                "self": {"href": "https://api-sandbox.dwolla.com/events/29a82d20-a703-41cb-9b3c-bd409c499925",
                         "resource-type": "event", "type": "application/vnd.dwolla.v1.hal+json"}
              },
              "created": "2019-05-30T18:21:11.490Z",
              "id": "29a82d20-a703-41cb-9b3c-bd409c499925",
              "resourceId": "56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc",
              "topic": "customer_verification_document_approved"
            }""";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsDwollasExample() {
        ProviderEvent event = DwollaEventJson.parse(bytes(EVENT));
        assertThat(event.id()).isEqualTo("29a82d20-a703-41cb-9b3c-bd409c499925");
        assertThat(event.created()).isEqualTo(Instant.parse("2019-05-30T18:21:11.490Z"));
        assertThat(event.topic()).isEqualTo("customer_verification_document_approved");
        assertThat(event.resourceId()).isEqualTo("56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc");
        assertThat(event.resource()).contains(
                URI.create("https://api-sandbox.dwolla.com/documents/56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc"));
        assertThat(event.customer()).contains(
                URI.create("https://api-sandbox.dwolla.com/customers/a6f09251-c2de-4833-94a8-5c70916cebbc"));
        assertThat(event.concernsDocument()).isTrue();
    }

    @Test
    void acceptsTheOldTimestampAndMissingLinks() {
        ProviderEvent event = DwollaEventJson.parse(bytes("""
                {"id":"e1","timestamp":"2015-10-16T15:58:18.000+02:00","topic":"customer_verified","resourceId":"c1"}
                """));
        assertThat(event.created()).isEqualTo(Instant.parse("2015-10-16T13:58:18Z"));
        assertThat(event.resource()).isEqualTo(Optional.empty());
        assertThat(event.customer()).isEqualTo(Optional.empty());
        assertThat(DwollaEventJson.parse(bytes("""
                {"id":"e1","created":"2020-01-01T00:00:00Z","topic":"t","resourceId":"c1","_links":{}}"""))
                .resource()).isEmpty();
    }

    @Test
    void namesTheFaultyFieldNeverTheBody() {
        String good = "\"id\":\"e1\",\"created\":\"2020-01-01T00:00:00Z\",\"topic\":\"t\",\"resourceId\":\"secret-r1\"";
        assertRefused("{\"created\":\"2020-01-01T00:00:00Z\",\"topic\":\"t\",\"resourceId\":\"secret-r1\"}", "no id");
        assertRefused("{\"id\":7,\"created\":\"2020-01-01T00:00:00Z\",\"topic\":\"t\",\"resourceId\":\"secret-r1\"}",
                "id is not a string");
        assertRefused("{\"id\":\"e1\",\"topic\":\"t\",\"resourceId\":\"secret-r1\"}", "no created");
        assertRefused("{\"id\":\"e1\",\"created\":\"yesterday\",\"topic\":\"t\",\"resourceId\":\"secret-r1\"}",
                "created is not an ISO-8601");
        assertRefused("{\"id\":\"e1\",\"created\":\"2020-01-01T00:00:00Z\",\"topic\":\" \",\"resourceId\":\"secret-r1\"}",
                "topic is blank");
        assertRefused("{\"id\":\"e1\",\"created\":\"2020-01-01T00:00:00Z\",\"topic\":\"t\"}", "no resourceId");
        assertRefused("{" + good + ",\"_links\":[]}", "_links is not an object");
        assertRefused("{" + good + ",\"_links\":{\"resource\":\"secret-x\"}}", "_links.resource is not an object");
        assertRefused("{" + good + ",\"_links\":{\"resource\":{\"href\":3}}}", "href is not a string");
        assertRefused("{" + good + ",\"_links\":{\"customer\":{\"href\":\"/secret-relative\"}}}",
                "_links.customer.href is not an absolute URL");
        assertRefused("{" + good + ",\"_links\":{\"customer\":{\"href\":\"http://secret x\"}}}",
                "_links.customer.href is not a URL");
        assertRefused("[{" + good + "}]", "not a JSON object");
        assertRefused("{\"id\":\"secret-1\",", "not valid JSON");
        assertRefused("{" + good + "} {}", "not valid JSON");
        assertRefused("", "empty");
    }

    @Test
    void refusesAnOversizedBodyBeforeParsing() {
        byte[] huge = new byte[DwollaEventJson.MAX_EVENT_BYTES + 1]; // zeros: not JSON, but never parsed
        assertThatThrownBy(() -> DwollaEventJson.parse(huge))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("more than 16384");
        String padded = EVENT.substring(0, EVENT.length() - 1) + ",\"pad\":\""
                + "x".repeat(DwollaEventJson.MAX_EVENT_BYTES - EVENT.length() - 10) + "\"}";
        assertThat(padded.length()).isLessThanOrEqualTo(DwollaEventJson.MAX_EVENT_BYTES);
        assertThat(DwollaEventJson.parse(bytes(padded)).id()).isEqualTo("29a82d20-a703-41cb-9b3c-bd409c499925");
    }

    @Test
    void readsAnEventsPage() {
        EventPage page = DwollaEventJson.parsePage(bytes("{\"_links\":{},\"_embedded\":{\"events\":[" + EVENT + ","
                + "{\"id\":\"e0\",\"created\":\"2019-05-30T18:00:00Z\",\"topic\":\"customer_created\","
                + "\"resourceId\":\"c1\"}]},\"total\":12}"));
        assertThat(page.total()).isEqualTo(12);
        assertThat(page.events()).extracting(ProviderEvent::id)
                .containsExactly("29a82d20-a703-41cb-9b3c-bd409c499925", "e0");
        assertThat(DwollaEventJson.parsePage(bytes("{\"_embedded\":{\"events\":[]},\"total\":0}")).events()).isEmpty();
    }

    @Test
    void namesTheFaultyPartOfAPage() {
        assertPageRefused("{\"total\":1}", "no _embedded");
        assertPageRefused("{\"_embedded\":{},\"total\":1}", "no _embedded.events array");
        assertPageRefused("{\"_embedded\":{\"events\":[]}}", "total is missing");
        assertPageRefused("{\"_embedded\":{\"events\":[]},\"total\":\"3\"}", "total is missing");
        assertPageRefused("{\"_embedded\":{\"events\":[]},\"total\":-1}", "non-negative");
        assertPageRefused("{\"_embedded\":{\"events\":[" + EVENT + "]},\"total\":0}", "less than its 1 events");
        assertPageRefused("{\"_embedded\":{\"events\":[" + EVENT + ",{\"id\":\"e2\"}]},\"total\":2}",
                "_embedded.events[1] has no topic");
        assertThatThrownBy(() -> DwollaEventJson.parsePage(new byte[DwollaEventJson.MAX_PAGE_BYTES + 1]))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("more than");
    }

    @Test
    void randomBytesFailOnlyWithTheTypedException() {
        qt().forAll(Generate.byteArrays(integers().between(0, 300),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)))
                .checkAssert(body -> {
                    assertOnlyTyped(catchThrowable(() -> DwollaEventJson.parse(body)));
                    assertOnlyTyped(catchThrowable(() -> DwollaEventJson.parsePage(body)));
                });
    }

    @Test
    void mutatedEventsFailOnlyWithTheTypedException() {
        byte[] event = bytes(EVENT);
        qt().forAll(integers().between(0, event.length - 1), integers().between(0, event.length),
                strings().allPossible().ofLengthBetween(0, 6))
                .checkAssert((from, length, insert) -> {
                    int to = Math.min(event.length, from + length % 12);
                    String mutated = EVENT.substring(0, Math.min(from, EVENT.length()))
                            + insert + EVENT.substring(Math.min(to, EVENT.length()));
                    assertOnlyTyped(catchThrowable(() -> DwollaEventJson.parse(bytes(mutated))));
                });
    }

    @Test
    void readsFieldsInAnyOrderSkipsUnknownNestingAndTakesTheLastOfAFieldGivenTwice() {
        ProviderEvent event = DwollaEventJson.parse(bytes("""
                {"extra":{"deep":[{"id":"not-this"}],"topic":"nor-this"},"topic":"t1","resourceId":"r1",
                 "_links":{"self":{"href":"https://x.example/events/e1","more":{"href":"/ignored"}},
                           "customer":{"type":"hal","href":"https://x.example/customers/c1"}},
                 "created":"2020-01-01T00:00:00+01:00","id":"first","id":"e1"}"""));
        assertThat(event.id()).isEqualTo("e1");
        assertThat(event.topic()).isEqualTo("t1");
        assertThat(event.created()).isEqualTo(Instant.parse("2019-12-31T23:00:00Z"));
        assertThat(event.resource()).isEmpty();
        assertThat(event.customer()).contains(URI.create("https://x.example/customers/c1"));
    }

    @Test
    void anEventReadsTheSameAloneAndInsideAPage() {
        qt().forAll(integers().between(0, EVENT.length() - 1), integers().between(0, 12),
                strings().allPossible().ofLengthBetween(0, 6))
                .checkAssert((from, length, insert) -> {
                    String mutated = EVENT.substring(0, from) + insert
                            + EVENT.substring(Math.min(EVENT.length(), from + length));
                    Throwable alone = catchThrowable(() -> DwollaEventJson.parse(bytes(mutated)));
                    String page = "{\"_embedded\":{\"events\":[" + mutated + "]},\"total\":1}";
                    Throwable inPage = catchThrowable(() -> DwollaEventJson.parsePage(bytes(page)));
                    if (alone == null && inPage == null) {
                        assertThat(DwollaEventJson.parsePage(bytes(page)).events())
                                .containsExactly(DwollaEventJson.parse(bytes(mutated)));
                    } else if (alone != null && inPage != null && alone.getMessage().startsWith("event")) {
                        // The same field check failed: the page names the element, the body names "event".
                        assertThat(inPage.getMessage()).isEqualTo(
                                alone.getMessage().replaceFirst("^event", "_embedded.events[0]"));
                    }
                });
    }

    private static void assertOnlyTyped(Throwable thrown) {
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(MalformedEventException.class);
            assertThat(thrown.getCause()).isNull();
        }
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> DwollaEventJson.parse(bytes(body)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("secret");
    }

    private static void assertPageRefused(String body, String message) {
        assertThatThrownBy(() -> DwollaEventJson.parsePage(bytes(body)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(message);
    }
}
