package io.docverify.grpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.stream.Completions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.slf4j.LoggerFactory;

/**
 * Generated hostile UploadDocument streams ({@link HostileGenerators#uploads}) against a server on a 127.0.0.1
 * socket: each gets the status code and ErrorInfo reason (and field path) that README's error table documents,
 * and leaves no state behind: its owner's list stays empty, the owner can still upload, and the idempotency key
 * it carried is free (a valid upload under the same key creates a new document: not a replay, not a conflict).
 * A request the service answered must have freed its key by the time the answer arrived; after a client cancel or
 * a transport refusal, which the service learns of asynchronously, the key may read {@code ABORTED Conflict} for a
 * moment, as README's "retry shortly" allows.
 *
 * <p>The service logs at TRACE meanwhile, so that the log scan after the suite sees everything it would log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileUploadTest {
    private TestServer server;
    private Logger docverifyLogger;

    @BeforeAll
    void start() {
        docverifyLogger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.docverify");
        docverifyLogger.setLevel(Level.TRACE);
        // A generated stream may have up to 65,538 messages (a 64 KiB PNG in 1-byte chunks) and must reach the check
        // it is generated for; the message bound (DOCVERIFY_UPLOAD_MAX_MESSAGES, default 4096) has its own test,
        // UploadGuardsTest.
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_UPLOAD_MAX_MESSAGES", "100000");
        server = TestServer.start(TestServer.Kind.SOCKET,
                new io.docverify.grpc.backend.InMemoryBackend(io.docverify.adapter.inmemory.InMemoryConfig.DEFAULTS
                        .withSandboxReviewDelay(java.time.Duration.ZERO)),
                io.docverify.grpc.config.ConfigReader.read(settings));
    }

    @AfterAll
    void stop() {
        server.close();
        docverifyLogger.setLevel(null);
    }

    static QuickTheory theory(int examples) {
        QuickTheory qt = qt().withExamples(Integer.getInteger("docverify.hostile.examples", examples))
                .withShrinkCycles(40);
        Long seed = Long.getLong("docverify.hostile.seed");
        return seed == null ? qt : qt.withFixedSeed(seed);
    }

    @Test
    void everyHostileUploadGetsItsDocumentedStatusAndLeavesNothingBehind() {
        theory(150).forAll(HostileGenerators.uploads()).checkAssert(this::sendAndCheck);
    }

    /**
     * The kind is confirmed by a complete header (README, upload rule 3: for a PNG its signature and IHDR, 33
     * bytes) and {@code finish} declares only what was sent, so a complete PNG header on a PDF body, and a real PNG
     * cut anywhere after its header (its finish declaring the cut size), are accepted
     * as PNGs: exactly one pending document, and the key is now taken (the same key with another file is
     * {@code IdempotencyKeyReused}; with the same file, the same document). Pinned here so a change is deliberate.
     */
    @Test
    void theKindComesFromTheSignatureSoAPngHeadedPdfAndAPngCutAfterItsSignatureAreAccepted() {
        byte[] png = realPng();
        Gen<Pair<String, byte[]>> files = Generate.oneOf(
                integers().between(64, 8192).map(size -> Pair.of("PNG signature on a " + size + "-byte PDF body",
                        concat(TestFiles.PNG_SIGNATURE, LeakMarker.mark(
                                TestFiles.withSignature(TestFiles.PDF_SIGNATURE, size), 17)))),
                integers().between(33, png.length - 1).map(cut -> Pair.of("a real " + png.length
                        + "-byte PNG cut after " + cut + " bytes (its 33-byte header whole), finished",
                        Arrays.copyOf(png, cut))));
        theory(30).forAll(files).checkAssert(file -> {
            String customer = Calls.customerAwaitingDocuments(server);
            UploadMetadata metadata = Calls.passportOf(customer).toBuilder()
                    .setIdempotencyKey("accepted-" + UUID.randomUUID()).build();
            Document d = Calls.upload(server, metadata, file._2);
            assertThat(d.getStatus()).as("%s", file._1).isEqualTo(DocumentStatus.DOCUMENT_STATUS_PENDING);
            assertThat(documentsOf(customer)).extracting(Document::getId).containsExactly(d.getId());
            assertThat(Calls.upload(server, metadata, file._2).getId()).as("replay of %s", file._1)
                    .isEqualTo(d.getId());
            Calls.assertError(Calls.errorOf(() -> Calls.upload(server, metadata, TestFiles.png())),
                    Status.Code.INVALID_ARGUMENT, "IdempotencyKeyReused");
            assertThat(documentsOf(customer)).hasSize(1);
        });
    }

    private static byte[] realPng() {
        var image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        var random = new Random(7);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        var bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private void sendAndCheck(HostileUpload hostile) {
        String customer = Calls.customerAwaitingDocuments(server);
        UploadMetadata valid = Calls.passportOf(customer).toBuilder()
                .setIdempotencyKey("hostile-" + UUID.randomUUID()).build();

        RawUpload call = RawUpload.open(server.channel());
        hostile.send(call, valid);
        Throwable error = failureOf(call);

        HostileUpload.Expected expected = hostile.expected();
        assertThat(Status.fromThrowable(error).getCode()).as("status of %s: %s", hostile, error)
                .isEqualTo(expected.code());
        if (expected.reason() != null) {
            var info = Calls.assertError(error, expected.code(), expected.reason());
            if (expected.fieldPath() != null) {
                assertThat(info.getMetadataMap()).as("ErrorInfo of %s", hostile)
                        .containsEntry("fieldPaths", expected.fieldPath());
            }
        } else if (expected.code() != Status.Code.CANCELLED) {
            var rich = StatusProto.fromThrowable(error);
            assertThat(rich == null ? List.of() : rich.getDetailsList()).as("no ErrorInfo for %s", hostile)
                    .noneMatch(detail -> detail.is(com.google.rpc.ErrorInfo.class));
        }

        assertThat(documentsOf(customer)).as("documents left by %s", hostile).isEmpty();
        Document after = uploadUnderTheSameKey(valid, expected.answeredByTheService(), hostile);
        assertThat(after.getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_PENDING);
        assertThat(documentsOf(customer)).extracting(Document::getId).as("after %s", hostile)
                .containsExactly(after.getId());
    }

    /** A valid upload under the hostile request's key: it must create a document (the key was left free). */
    private Document uploadUnderTheSameKey(UploadMetadata valid, boolean strict, HostileUpload hostile) {
        byte[] file = LeakMarker.mark(TestFiles.png(2048));
        if (strict) {
            return Calls.upload(server, valid, file);
        }
        Document[] created = new Document[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            try {
                created[0] = Calls.upload(server, valid, file);
            } catch (StatusRuntimeException e) {
                assertThat(Calls.errorInfo(e).getReason()).as("retry after %s", hostile).isEqualTo("Conflict");
                throw new AssertionError("key still in flight after " + hostile, e);
            }
        });
        return created[0];
    }

    static Throwable failureOf(RawUpload call) {
        Throwable thrown = catchThrowable(() -> call.result.get(30, TimeUnit.SECONDS));
        assertThat(thrown).as("the hostile upload failed").isNotNull();
        return Completions.unwrap(thrown);
    }

    private List<Document> documentsOf(String customer) {
        return server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build())
                .getDocumentsList();
    }
}
