package io.docverify.adapter.inmemory;

import io.docverify.ports.contract.MutableClock;
import static io.docverify.adapter.inmemory.Stages.await;
import static io.docverify.adapter.inmemory.Stages.refusal;
import static io.docverify.adapter.inmemory.Stages.refusedAtOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.application.DocumentEventBus;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewCustomer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dwolla's Idempotency-Key, as the stand-in implements it (README, "Where Dwolla is silent"). */
class IdempotencyTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<DocumentEvent> events = new CopyOnWriteArrayList<>();
    private final InMemoryDwolla dwolla;
    private final IdempotencyKey key = IdempotencyKey.random();

    IdempotencyTest() {
        var bus = new DocumentEventBus();
        bus.subscribe(events::add);
        dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO).withClock(clock),
                bus, DocumentIdSource.RANDOM);
    }

    @AfterEach
    void close() {
        dwolla.close();
    }

    private CustomerId customer() {
        return await(dwolla.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))).id();
    }

    private static DocumentSubmission command(OwnerId owner, DocumentType type, byte[] file,
            IdempotencyKey key) {
        return DocumentSubmission.of(owner, type, FileUpload.ofBytes("scan.png", file)).withIdempotencyKey(key);
    }

    private int total(OwnerId owner) {
        return await(dwolla.list(owner)).total();
    }

    private long uploadedEvents() {
        return events.stream().filter(e -> e instanceof DocumentEvent.DocumentUploaded).count();
    }

    // ------------------------------------------------------------ the same request again

    @Test
    void theSameKeyWithTheSameRequestReturnsTheOriginalDocumentAndCreatesNothing() {
        CustomerId customer = customer();
        byte[] file = TestFiles.png();

        Document first = await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));
        Document again = await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));

        assertThat(again).isEqualTo(first);
        assertThat(total(customer)).isEqualTo(1);
        assertThat(uploadedEvents()).isEqualTo(1);
    }

    @Test
    void aReplayReturnsTheOriginalDocumentInItsCurrentStateEvenAfterTheOwnerWasVerified() {
        CustomerId customer = customer();
        byte[] file = TestFiles.png();
        Document first = await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));
        await(dwolla.reviewDocument(first.id(), ReviewDecision.accept()));

        Document again = await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(total(customer)).isEqualTo(1);
    }

    // ------------------------------------------------------------ the same key for another request

    @Test
    void theSameKeyWithADifferentFileTypeOrOwnerIsIdempotencyKeyReusedAndCreatesNothing() {
        CustomerId customer = customer();
        CustomerId other = customer();
        byte[] file = TestFiles.png();
        await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));

        List<DocumentException> refusals = List.of(
                refusal(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.png(), key))),
                refusal(dwolla.create(command(customer, DocumentType.LICENSE, file, key))),
                refusal(dwolla.create(command(other, DocumentType.PASSPORT, file, key))));

        assertThat(refusals).extracting(DocumentException::code).containsOnly(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(total(customer)).isEqualTo(1);
        assertThat(total(other)).isZero();
    }

    // ------------------------------------------------------------ in flight

    @Test
    void aRepeatWhileTheFirstIsStillStreamingIsAConflictAndTheFirstStillSucceeds() {
        CustomerId customer = customer();
        byte[] file = TestFiles.png();
        var held = new HeldPublisher();
        CompletableFuture<Document> first = dwolla.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                new FileUpload("scan.png", held)).withIdempotencyKey(key)).toCompletableFuture();
        assertThat(held.isSubscribed()).isTrue();
        assertThat(first).isNotDone();

        DocumentException conflict = refusedAtOnce(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));
        held.release(file);

        assertThat(conflict.code()).isEqualTo(ErrorCode.CONFLICT);
        Document created = await(first);
        assertThat(await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key))).id())
                .isEqualTo(created.id());
        assertThat(total(customer)).isEqualTo(1);
    }

    @Test
    void anotherKeyIsNotHeldUpByAnUploadInFlight() {
        CustomerId customer = customer();
        var held = new HeldPublisher();
        dwolla.create(DocumentSubmission.of(customer, DocumentType.PASSPORT, new FileUpload("scan.png", held))
                .withIdempotencyKey(key));

        Document other = await(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.png(),
                IdempotencyKey.random())));

        assertThat(other.isPending()).isTrue();
        held.release(TestFiles.png());
        assertThat(total(customer)).isEqualTo(2);
    }

    // ------------------------------------------------------------ failures release the key

    @Test
    void aRefusedFirstAttemptReleasesTheKeyForACorrectedRequest() {
        CustomerId customer = customer();

        assertThat(refusal(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.gif(), key))).code())
                .isEqualTo(ErrorCode.INVALID_FILE_TYPE);
        assertThat(dwolla.idempotencyKeys()).isZero();

        assertThat(await(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.png(), key))).isPending())
                .isTrue();
        assertThat(total(customer)).isEqualTo(1);
    }

    @Test
    void aBrokenStreamReleasesTheKey() {
        CustomerId customer = customer();
        var held = new HeldPublisher();
        CompletableFuture<Document> first = dwolla.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                new FileUpload("scan.png", held)).withIdempotencyKey(key)).toCompletableFuture();

        held.fail(new IOException("connection reset"));

        assertThat(first).isCompletedExceptionally();
        assertThat(await(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.png(), key))).isPending())
                .isTrue();
    }

    @Test
    void aRuleRefusalAfterStreamingReleasesTheKeyToo() {
        CustomerId customer = customer();
        List<Document> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(await(dwolla.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                    FileUpload.ofBytes("scan.png", TestFiles.png())))));
        }
        byte[] fifth = TestFiles.png();

        assertThat(refusal(dwolla.create(command(customer, DocumentType.PASSPORT, fifth, key))).code())
                .isEqualTo(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);
        await(dwolla.reviewDocument(four.get(0).id(), ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE)));

        assertThat(await(dwolla.create(command(customer, DocumentType.PASSPORT, fifth, key))).isPending()).isTrue();
        assertThat(total(customer)).isEqualTo(5);
    }

    @Test
    void anUploadForAnUnknownOwnerDoesNotClaimTheKey() {
        assertThat(refusal(dwolla.create(command(new CustomerId("nobody"), DocumentType.PASSPORT, TestFiles.png(),
                key))).code()).isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(dwolla.idempotencyKeys()).isZero();
    }

    @Test
    void anUploadForAnUnknownOwnerIsRefusedByRuleZeroByName() {
        assertThat(refusal(dwolla.create(command(new CustomerId("nobody"), DocumentType.PASSPORT, TestFiles.png(),
                key))).error().rule()).contains("ownerExists");
    }

    // ------------------------------------------------------------ the 24-hour window

    @Test
    void aKeyIsRememberedForTwentyFourHoursAndForgottenAfter() {
        CustomerId customer = customer();
        byte[] file = TestFiles.png();
        Document first = await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));

        clock.advance(Duration.ofHours(24));
        assertThat(await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key))).id())
                .as("exactly 24 hours later").isEqualTo(first.id());
        assertThat(refusal(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.png(), key))).code())
                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);

        clock.advance(Duration.ofMillis(1));
        Document afterExpiry = await(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.png(), key)));

        assertThat(afterExpiry.id()).isNotEqualTo(first.id());
        assertThat(total(customer)).isEqualTo(2);
    }

    @Test
    void aKeyWhoseRequestNeverFinishesIsFreedAfterTheWindowToo() {
        CustomerId customer = customer();
        var abandoned = new HeldPublisher();
        dwolla.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                new FileUpload("scan.png", abandoned)).withIdempotencyKey(key));
        assertThat(refusal(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.png(), key))).code())
                .as("still in flight").isEqualTo(ErrorCode.CONFLICT);

        clock.advance(Duration.ofHours(24).plusMillis(1));

        Document created = await(dwolla.create(command(customer, DocumentType.PASSPORT, TestFiles.png(), key)));
        assertThat(created.status()).isEqualTo(io.docverify.domain.DocumentStatus.PENDING);
        assertThat(total(customer)).isEqualTo(1);
    }

    @Test
    void afterExpiryTheSameFileIsStillNotCreatedTwiceButADuplicate() {
        CustomerId customer = customer();
        byte[] file = TestFiles.png();
        Document first = await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        DocumentException duplicate = refusal(dwolla.create(command(customer, DocumentType.PASSPORT, file, key)));

        assertThat(duplicate.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(duplicate.error().existingDocument()).contains(first.id());
        assertThat(total(customer)).isEqualTo(1);
    }

    // ------------------------------------------------------------ many at once

    @Test
    void manyThreadsWithTheSameKeyAndRequestCreateOneDocument() throws Exception {
        CustomerId customer = customer();
        byte[] file = TestFiles.png(256 * 1024);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            List<Future<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        return await(dwolla.create(command(customer, DocumentType.PASSPORT, file, key))).id();
                    } catch (DocumentException e) {
                        return e.code();
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> outcome : outcomes) {
                results.add(outcome.get(10, TimeUnit.SECONDS));
            }

            assertThat(total(customer)).isEqualTo(1);
            Object created = await(dwolla.list(customer)).documents().get(0).id();
            assertThat(results).allSatisfy(r -> assertThat(r).isIn(created, ErrorCode.CONFLICT));
            assertThat(results).contains(created);
            assertThat(uploadedEvents()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
