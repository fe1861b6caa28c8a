package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.dwollaserver.Fault;
import io.docverify.dwollaserver.RecordedRequest;
import io.docverify.dwollaserver.Route;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.stream.Completions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix: for each misbehaviour of Dwolla, what the caller sees, how many requests reached the server,
 * and that no upload was ever created twice (the owner's list, read from the server's backend).
 */
class FaultMatrixTest {
    private Harness harness;

    /** The test server and the adapter, warmed up (token cached), with an empty journal. */
    private Harness start() {
        harness = Harness.start().warm();
        return harness;
    }

    /** As {@link #start()}, with one-second time limits per attempt, for the slow-server faults. */
    private Harness startWithShortTimeLimits(int maxAttempts) {
        harness = Harness.start(b -> b.uploadTimeout(SHORT).readTimeout(SHORT).maxAttempts(maxAttempts)).warm();
        return harness;
    }

    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration SLOW = Duration.ofSeconds(4);

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    // ------------------------------------------------------------ 5xx bursts

    @Test
    void a503BurstOnReadsIsRetriedUntilDwollaRecovers() {
        Harness h = start();
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        h.server.journal().clear();
        h.server.faults().on(Route.GET_DOCUMENT, Fault.status(503), 3);

        Document read = await(h.provider.get(created.id()));

        assertThat(read.id()).isEqualTo(created.id());
        assertThat(h.requests(Route.GET_DOCUMENT)).isEqualTo(4);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    @Test
    void a502BurstWithAnHtmlBodyOnAListIsRetried() {
        Harness h = start();
        CustomerId customer = h.customer();
        upload(h, customer);
        h.server.journal().clear();
        h.server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS,
                Fault.status(502, "<html><body>502 Bad Gateway</body></html>", "text/html"), 2);

        assertThat(await(h.provider.list(customer)).total()).isEqualTo(1);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(3);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    @Test
    void a5xxBurstLongerThanTheAttemptsReachesTheCallerAsItsCode() {
        Harness h = start();
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        h.server.journal().clear();
        h.server.faults().on(Route.GET_DOCUMENT, Fault.status(503), 10);

        DocumentException refusal = refusal(h.provider.get(created.id()));

        assertThat(refusal.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(h.requests(Route.GET_DOCUMENT)).isEqualTo(4); // maxAttempts
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    @Test
    void a500BurstOnAnUploadLooksForTheFirstAttemptThenSendsAgainWithTheSameKey() {
        Harness h = start();
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.status(500), 2);

        Document created = upload(h, customer);

        assertThat(created.owner()).contains(customer);
        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(3);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(2); // one look before each resend
        assertOneKeyForEveryCreate(h);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    // ------------------------------------------------------------ 429 and 409

    @Test
    void a429WithRetryAfterIsWaitedOutAndTheUploadIsSentAgainWithTheSameKey() {
        Harness h = start();
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.tooManyRequests(Duration.ofSeconds(1)), 1);

        Document created = upload(h, customer);

        assertThat(created.owner()).contains(customer);
        List<RecordedRequest> creates = h.server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT);
        assertThat(creates).extracting(RecordedRequest::status).containsExactly(429, 201);
        assertThat(Duration.between(creates.get(0).at(), creates.get(1).at()))
                .as("the second attempt waited for Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(2);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isZero(); // a 429 was not processed: no lookup
        assertOneKeyForEveryCreate(h);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    @Test
    void a429LongerThanACallMayWaitFailsAtOnceAndPausesEveryCallWithoutHammering() {
        Harness h = start();
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        h.server.journal().clear();
        h.server.faults().on(Route.GET_DOCUMENT, Fault.tooManyRequests(Duration.ofSeconds(300)), 1);

        DocumentException first = refusal(h.provider.get(created.id()));
        DocumentException second = refusal(h.provider.list(customer));

        assertThat(first.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(second.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(h.requests(Route.GET_DOCUMENT)).isEqualTo(1);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isZero(); // the pause holds for every call
    }

    @Test
    void a409ConflictIsWaitedOutNotReported() {
        Harness h = start();
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.conflict(), 2);

        Document created = upload(h, customer);

        assertThat(created.owner()).contains(customer);
        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(3);
        assertOneKeyForEveryCreate(h);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    // ------------------------------------------------------------ connection resets

    @Test
    void aResetMidUploadBeforeProcessingSendsAgainAndCreatesOnce() {
        Harness h = start();
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.resetBeforeProcessing(), 1);

        Document created = upload(h, customer, TestFiles.png(2 * 1024 * 1024));

        assertThat(created.owner()).contains(customer);
        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(2);
        assertThat(h.server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT).get(0).answered()).isFalse();
        assertOneKeyForEveryCreate(h);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    @Test
    void aResetAfterProcessingIsALostAnswerFoundInTheOwnersListWithoutSendingTheFileAgain() {
        Harness h = start();
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.resetAfterProcessing(), 1);

        Document created = upload(h, customer);

        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(1);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(1);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
        assertThat(await(h.provider.list(customer)).documents()).extracting(Document::id)
                .containsExactly(created.id());
        assertThat(h.registry.counter(DwollaMetrics.RECOVERIES, "via", "lookup").count()).isEqualTo(1.0);
    }

    @Test
    void aResetAfterProcessingOnAReadIsRetried() {
        Harness h = start();
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        h.server.journal().clear();
        h.server.faults().on(Route.GET_DOCUMENT, Fault.resetAfterProcessing(), 1);

        assertThat(await(h.provider.get(created.id())).id()).isEqualTo(created.id());
        assertThat(h.requests(Route.GET_DOCUMENT)).isEqualTo(2);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    @Test
    void aLostAnswerOfABeneficialOwnersUploadIsFoundInItsOwnList() {
        Harness h = start();
        var owner = h.server.sandbox().createBeneficialOwner(io.docverify.ports.sandbox.NewBeneficialOwner.inStatus(
                io.docverify.domain.owner.BeneficialOwnerStatus.DOCUMENT)).toCompletableFuture().join().id();
        h.server.faults().on(Route.CREATE_BENEFICIAL_OWNER_DOCUMENT, Fault.resetAfterProcessing(), 1);

        Document created = await(h.provider.create(DocumentSubmission.of(owner, DocumentType.LICENSE,
                TestFiles.upload("licence.jpg", TestFiles.jpeg()))));

        assertThat(created.owner()).contains(owner);
        assertThat(h.requests(Route.CREATE_BENEFICIAL_OWNER_DOCUMENT)).isEqualTo(1);
        assertThat(h.requests(Route.LIST_BENEFICIAL_OWNER_DOCUMENTS)).isEqualTo(1);
        assertThat(h.documentsOf(owner)).isEqualTo(1);
    }

    // ------------------------------------------------------------ a slow server

    @Test
    void aSlowUploadPastTheTimeLimitIsFoundInTheOwnersListNotSentAgain() {
        Harness h = startWithShortTimeLimits(4);
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.delay(SLOW), 1);

        Document created = upload(h, customer);

        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(1);
        // The journal records a request when it is answered: wait for the held-back answer of the one create.
        waitUntil(() -> h.requests(Route.CREATE_CUSTOMER_DOCUMENT) == 1);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
        assertThat(await(h.provider.list(customer)).documents()).extracting(Document::id)
                .containsExactly(created.id());
    }

    @Test
    void aSlowReadPastTheTimeLimitIsRetried() {
        Harness h = startWithShortTimeLimits(4);
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        h.server.journal().clear();
        h.server.faults().on(Route.GET_DOCUMENT, Fault.delay(SLOW), 1);

        assertThat(await(h.provider.get(created.id())).id()).isEqualTo(created.id());
        waitUntil(() -> h.requests(Route.GET_DOCUMENT) == 2);
    }

    @Test
    void aServerSlowerThanEveryAttemptIsARequestTimeout() {
        Harness h = startWithShortTimeLimits(2);
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        h.server.journal().clear();
        h.server.faults().on(Route.GET_DOCUMENT, Fault.delay(SLOW), 2);

        DocumentException refusal = refusal(h.provider.get(created.id()));

        assertThat(refusal.code()).isEqualTo(ErrorCode.REQUEST_TIMEOUT);
        waitUntil(() -> h.requests(Route.GET_DOCUMENT) == 2);
    }

    // ------------------------------------------------------------ tokens

    @Test
    void aTokenThatExpiresBetweenCallsIsRenewedOnceAndTheRequestReplayed() {
        Harness h = start();
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        assertThat(h.requests(Route.TOKEN)).isZero(); // cached since the warm-up
        h.server.journal().clear();

        h.server.expireAllTokens();
        assertThat(await(h.provider.get(created.id())).id()).isEqualTo(created.id());
        assertThat(await(h.provider.get(created.id())).id()).isEqualTo(created.id());

        assertThat(h.requests(Route.TOKEN)).isEqualTo(1);
        assertThat(h.server.journal().of(Route.GET_DOCUMENT)).extracting(RecordedRequest::status)
                .containsExactly(401, 200, 200);
    }

    @Test
    void manyCallersMeetingAnExpiredTokenAtOnceShareOneRenewal() {
        Harness h = start();
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        h.server.expireAllTokens();
        h.server.journal().clear();

        List<CompletionStage<Document>> reads = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            reads.add(h.provider.get(created.id()));
        }
        reads.forEach(r -> assertThat(await(r).id()).isEqualTo(created.id()));

        assertThat(h.requests(Route.TOKEN)).isEqualTo(1);
        assertThat(h.server.journal().of(Route.GET_DOCUMENT)).extracting(RecordedRequest::status)
                .containsOnly(401, 200).filteredOn(s -> s == 200).hasSize(16);
    }

    @Test
    void aTokenThatExpiresBeforeAnUploadIsRenewedAndTheUploadCreatedOnce() {
        Harness h = start();
        CustomerId customer = h.customer();
        await(h.provider.list(customer));
        h.server.expireAllTokens();
        h.server.journal().clear();

        upload(h, customer);

        assertThat(h.requests(Route.TOKEN)).isEqualTo(1);
        assertThat(h.server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT)).extracting(RecordedRequest::status)
                .containsExactly(401, 201);
        assertOneKeyForEveryCreate(h);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
    }

    @Test
    void wrongCredentialsAreInvalidCredentialsAndNotRetried() {
        harness = Harness.start(b -> b.secret("wrong-secret")); // no warm-up: it could not get a token
        Harness h = harness;

        DocumentException refusal = refusal(h.provider.list(new CustomerId("c-unknown")));

        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(h.requests(Route.TOKEN)).isEqualTo(1);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isZero();
    }

    // ------------------------------------------------------------ broken answers

    @Test
    void malformedJsonOnAReadIsAProtocolErrorAndNotRetried() {
        Harness h = start();
        CustomerId customer = h.customer();
        Document created = upload(h, customer);
        h.server.journal().clear();
        h.server.faults().on(Route.GET_DOCUMENT, Fault.malformedJson(), 1);

        DocumentException refusal = refusal(h.provider.get(created.id()));

        assertThat(refusal.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(h.requests(Route.GET_DOCUMENT)).isEqualTo(1);
    }

    @Test
    void malformedJsonInsteadOfA201IsRecoveredFromTheOwnersList() {
        Harness h = start();
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.malformedJson(), 1);

        Document created = upload(h, customer);

        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(1);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
        assertThat(await(h.provider.list(customer)).documents()).extracting(Document::id)
                .containsExactly(created.id());
    }

    @Test
    void aMissingLocationIsRecoveredFromTheOwnersList() {
        Harness h = start();
        CustomerId customer = h.customer();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.dropLocationHeader(), 1);

        Document created = upload(h, customer);

        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(1);
        assertThat(h.requests(Route.LIST_CUSTOMER_DOCUMENTS)).isEqualTo(1);
        assertThat(h.documentsOf(customer)).isEqualTo(1);
        assertThat(await(h.provider.list(customer)).documents()).extracting(Document::id)
                .containsExactly(created.id());
        assertThat(h.registry.counter(DwollaMetrics.RECOVERIES, "via", "no-location").count()).isEqualTo(1.0);
    }

    @Test
    void aMissingLocationThatCannotBeToldApartIsAProtocolErrorAndNothingIsSentAgain() {
        Harness h = start();
        CustomerId customer = h.customer();
        upload(h, customer); // an earlier passport within the lookup window makes the list ambiguous
        h.server.journal().clear();
        h.server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.dropLocationHeader(), 1);

        DocumentException refusal = refusal(h.provider.create(DocumentSubmission.of(customer,
                DocumentType.PASSPORT, TestFiles.upload("id.png", TestFiles.png()))));

        assertThat(refusal.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(h.requests(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(1);
        assertThat(h.documentsOf(customer)).isEqualTo(2);
    }

    // ------------------------------------------------------------ helpers

    private static Document upload(Harness h, CustomerId customer) {
        return upload(h, customer, TestFiles.png());
    }

    private static Document upload(Harness h, CustomerId customer, byte[] file) {
        return await(h.provider.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                TestFiles.upload("passport.png", file))));
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(condition);
    }

    /** Every create request carried an Idempotency-Key, and all carried the same one. */
    private static void assertOneKeyForEveryCreate(Harness h) {
        List<Optional<String>> keys = h.server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT).stream()
                .map(RecordedRequest::idempotencyKey).toList();
        assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(k).isPresent());
        assertThat(keys.stream().distinct()).hasSize(1);
        assertThat(new IdempotencyKey(keys.get(0).orElseThrow()).value()).isNotBlank();
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (Completions.unwrap(e) instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    static DocumentException refusal(CompletionStage<?> stage) {
        Throwable thrown = catchThrowable(() -> stage.toCompletableFuture().join());
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(DocumentException.class);
        return (DocumentException) thrown.getCause();
    }
}
