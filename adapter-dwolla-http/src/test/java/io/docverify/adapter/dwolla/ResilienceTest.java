package io.docverify.adapter.dwolla;

import static io.docverify.adapter.dwolla.FaultMatrixTest.await;
import static io.docverify.adapter.dwolla.FaultMatrixTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.dwollaserver.Fault;
import io.docverify.dwollaserver.Route;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentSubmission;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The circuit breaker, bulkhead, rate limiter, local pre-checks and metrics, against the test server. */
class ResilienceTest {
    private Harness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theCircuitOpensUnderAFailingDwollaAndClosesAfterItRecoversAndTheMetricsShowIt() {
        harness = Harness.start(b -> b.maxAttempts(1).circuitWindow(4).circuitMinCalls(4).circuitFailureRate(75)
                .circuitOpenDuration(Duration.ofMillis(300)).circuitHalfOpenCalls(2)).warm();
        Harness h = harness;
        CustomerId customer = h.customer();
        await(h.provider.list(customer));
        h.server.journal().clear();
        h.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.status(500), 3);

        for (int i = 0; i < 3; i++) {
            assertThat(h.provider.circuitState()).as("after %d failures", i).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(refusal(h.provider.list(customer)).code()).isEqualTo(ErrorCode.SERVER_ERROR);
        }
        // The last four calls: one success, three 500s: 75 % reached.
        assertThat(h.provider.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuitState(h, "open")).isEqualTo(1.0);

        DocumentException refused = refusal(h.provider.list(customer));
        assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).as("an open circuit sends nothing").isEqualTo(3);
        assertThat(h.registry.get("resilience4j.circuitbreaker.not.permitted.calls").counter().count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(h.registry.get("resilience4j.circuitbreaker.calls").tag("kind", "failed").timer().count())
                .isEqualTo(3);

        // Dwolla recovered (no faults left); after the open period trial calls pass and the circuit closes.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            assertThat(await(h.provider.list(customer)).total()).isZero();
            assertThat(h.provider.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
        assertThat(circuitState(h, "closed")).isEqualTo(1.0);
        assertThat(circuitState(h, "open")).isEqualTo(0.0);
    }

    @Test
    void refusalsDoNotOpenTheCircuit() {
        harness = Harness.start(b -> b.maxAttempts(1).circuitWindow(4).circuitMinCalls(4)).warm();
        Harness h = harness;
        for (int i = 0; i < 6; i++) {
            assertThat(refusal(h.provider.list(new CustomerId("ghost-" + i))).code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
        assertThat(h.provider.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theBulkheadRefusesUploadsBeyondItsSlotsAtOnce() {
        harness = Harness.start(b -> b.maxConcurrentUploads(1)).warm();
        Harness h = harness;
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.delay(Duration.ofMillis(800)), 1);

        CompletionStage<Document> first = h.provider.create(passport(customer, TestFiles.png()));
        // The slot is taken as the call starts (before the file is read), and held until the answer, 800 ms away.
        assertThat(h.registry.get("resilience4j.bulkhead.available.concurrent.calls").gauge().value()).isZero();
        DocumentException second = refusal(h.provider.create(passport(customer, TestFiles.png())));

        assertThat(second.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(await(first).owner()).contains(customer);
        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(1);
        assertThat(h.registry.get("resilience4j.bulkhead.max.allowed.concurrent.calls").gauge().value())
                .isEqualTo(1.0);
        // The slot is free again.
        assertThat(await(h.provider.create(passport(customer, TestFiles.png()))).owner()).contains(customer);
    }

    @Test
    void theClientSideRateLimitRefusesBeyondItsRateWithoutARequest() {
        harness = Harness.start(b -> b.rateLimitPerSecond(1).rateLimitMaxWait(Duration.ZERO));
        Harness h = harness;
        CustomerId customer = h.customer();

        List<CompletionStage<?>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(h.provider.list(customer));
        }
        long refused = calls.stream().filter(c -> {
            try {
                c.toCompletableFuture().join();
                return false;
            } catch (RuntimeException e) {
                return e.getCause() instanceof DocumentException d && d.code() == ErrorCode.TOO_MANY_REQUESTS;
            }
        }).count();

        // Within one second at most two windows' permits exist (a window boundary may fall between the calls).
        assertThat(refused).isGreaterThanOrEqualTo(3);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(5 - (int) refused);
    }

    @Test
    void obviouslyBadUploadsFailLocallyWithDwollasCodesAndNoRequest() {
        harness = Harness.start();
        Harness h = harness;
        CustomerId customer = h.customer();
        h.server.journal().clear();

        assertThat(refusal(h.provider.create(passport(customer, TestFiles.gif()))).code())
                .isEqualTo(ErrorCode.INVALID_FILE_TYPE);
        assertThat(refusal(h.provider.create(passport(customer, TestFiles.pdf()))).code())
                .isEqualTo(ErrorCode.INVALID_FILE_TYPE);
        assertThat(refusal(h.provider.create(passport(customer, new byte[0]))).code())
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refusal(h.provider.create(passport(customer,
                TestFiles.png(Math.toIntExact(UploadLimits.TEN_MIB) + 1)))).code())
                .isEqualTo(ErrorCode.FILE_TOO_LARGE);

        assertThat(h.server.journal().all()).as("not even a token request").isEmpty();
    }

    @Test
    void callsAreTimedPerOperationAndOutcomeAndNoTagCarriesACredential() {
        harness = Harness.start();
        Harness h = harness;
        CustomerId customer = h.customer();
        Document created = await(h.provider.create(passport(customer, TestFiles.png())));
        await(h.provider.get(created.id()));
        refusal(h.provider.list(new CustomerId("nobody")));

        assertThat(h.registry.get(DwollaMetrics.CALLS).tags("operation", "create", "outcome", "success").timer()
                .count()).isEqualTo(1);
        assertThat(h.registry.get(DwollaMetrics.CALLS).tags("operation", "get", "outcome", "success").timer()
                .count()).isEqualTo(1); // the read-back inside the upload is part of the create call
        assertThat(h.registry.get(DwollaMetrics.CALLS).tags("operation", "list", "outcome", "notFound").timer()
                .count()).isEqualTo(1);
        assertThat(h.registry.get(DwollaMetrics.REQUESTS).tags("route", "token", "status", "200").timer().count())
                .isEqualTo(1);
        assertThat(h.registry.get(DwollaMetrics.REQUESTS).tags("route", "create", "status", "201").timer().count())
                .isEqualTo(1);
        assertThat(h.registry.get(DwollaMetrics.TOKEN_RENEWALS).tag("outcome", "issued").counter().count())
                .isEqualTo(1);
        assertThat(h.registry.find("resilience4j.retry.calls").meters()).isNotEmpty();
        assertThat(h.registry.find("resilience4j.timelimiter.calls").meters()).isNotEmpty();
        assertThat(h.registry.find("resilience4j.ratelimiter.available.permissions").meters()).isNotEmpty();

        for (Meter meter : h.registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).doesNotContain(Harness.SECRET).doesNotContain(Harness.KEY)
                        .doesNotContainIgnoringCase("bearer").doesNotContain(created.id().value());
            }
        }
    }

    @Test
    void aClosedProviderRefusesCallsAndFailsTheOnesStillWaitingForARetry() {
        harness = Harness.start(b -> b.retryInitialBackoff(Duration.ofSeconds(5)).retryMaxBackoff(Duration.ofSeconds(5)))
                .warm();
        Harness h = harness;
        CustomerId customer = h.customer();
        h.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.status(503), 1);
        CompletionStage<?> waiting = h.provider.list(customer); // 503, then waits 5 s for its retry
        await().atMost(Duration.ofSeconds(5)).until(() -> h.requests(Route.LIST_CUSTOMER_DOCUMENTS) == 1);

        h.provider.close();

        assertThat(refusal(waiting).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(refusal(h.provider.list(customer)).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(1);
    }

    @Test
    void anUnreachableDwollaIsRetriedThenServiceUnavailable() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (var provider = DwollaDocumentProvider.create(
                Harness.fast("http://127.0.0.1:" + closedPort).maxAttempts(3).build(), registry)) {

            DocumentException refusal = refusal(provider.list(new CustomerId("c-1")));

            assertThat(refusal.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            // Each attempt first needs a token, and its connection is refused: three attempts, three refusals.
            assertThat(registry.get(DwollaMetrics.REQUESTS).tags("route", "token", "status", "IO_ERROR").timer()
                    .count()).isEqualTo(3);
            assertThat(registry.get(DwollaMetrics.CALLS).tags("operation", "list", "outcome", "ServiceUnavailable")
                    .timer().count()).isEqualTo(1);
        }
    }

    private static double circuitState(Harness h, String state) {
        return h.registry.get("resilience4j.circuitbreaker.state").tag("state", state).gauge().value();
    }

    private static DocumentSubmission passport(CustomerId customer, byte[] file) {
        return DocumentSubmission.of(customer, DocumentType.PASSPORT, TestFiles.upload("passport.png", file));
    }

    // Dwolla's Retry-After travels on the caller's DocumentError.

    @Test
    void a429sRetryAfterIsTheErrorsRetryDelay() {
        harness = Harness.start(b -> b.maxAttempts(1)).warm();
        CustomerId customer = harness.customer();
        harness.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.tooManyRequests(Duration.ofSeconds(2)), 1);

        DocumentException refusal = refusal(harness.provider.list(customer));

        assertThat(refusal.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(refusal.error().retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterLongerThanACallMayWaitIsPassedOnAsDwollaSaidIt() {
        harness = Harness.start().warm(); // maxRetryAfter 3 s: the adapter gives up at once
        CustomerId customer = harness.customer();
        harness.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.tooManyRequests(Duration.ofSeconds(300)), 1);

        DocumentException refusal = refusal(harness.provider.list(customer));

        assertThat(refusal.error().retryAfter()).contains(Duration.ofSeconds(300));
        assertThat(harness.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(1);
    }

    @Test
    void anErrorWithoutRetryAfterHasNoRetryDelay() {
        harness = Harness.start(b -> b.maxAttempts(1)).warm();
        CustomerId customer = harness.customer();
        harness.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.status(500), 1);

        DocumentException refusal = refusal(harness.provider.list(customer));

        assertThat(refusal.code()).isEqualTo(ErrorCode.SERVER_ERROR);
        assertThat(refusal.error().retryAfter()).isEmpty();
    }
}
