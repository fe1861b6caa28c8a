package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server under test (bare or docverify) with the benchmark client, and a document to read: docverify is
 * started, a customer uploads a PNG over the socket and the document is read back; for the baseline that very
 * response (same message type, same bytes) is stored in the bare server's map and docverify is stopped.
 */
public final class Fixture implements AutoCloseable {
    /** The size of the upload figure's file: Dwolla's limit, 10 MiB. */
    public static final int FILE_BYTES = 10 * 1024 * 1024;
    /** Chunk size of the uploads: 64 KiB, as in the README's Node client (and grpc-java's advice). */
    public static final int CHUNK_BYTES = 64 * 1024;

    private final Impl impl;
    private final BenchServer server;
    private final BenchClient client;
    private final GetDocumentRequest getRequest;
    private final GetDocumentResponse expected;
    private final ConcurrentLinkedQueue<String> uploaders = new ConcurrentLinkedQueue<>();

    private Fixture(Impl impl, BenchServer server, BenchClient client, GetDocumentResponse expected) {
        this.impl = impl;
        this.server = server;
        this.client = client;
        this.expected = expected;
        this.getRequest = GetDocumentRequest.newBuilder().setDocumentId(expected.getDocument().getId()).build();
    }

    public static Fixture start(Impl impl) {
        DocverifyBenchServer docverify = DocverifyBenchServer.start();
        GetDocumentResponse seeded;
        try (var seeding = new BenchClient(docverify.port())) {
            String owner = docverify.newUploader().value();
            UploadDocumentResponse created = Upload.start(seeding.async(), Upload.passport(owner),
                    Upload.chunks(TestFiles.png(), CHUNK_BYTES)).result().get(30, TimeUnit.SECONDS);
            seeded = seeding.blocking().getDocument(GetDocumentRequest.newBuilder()
                    .setDocumentId(created.getDocument().getId()).build());
        } catch (Exception e) {
            docverify.close();
            throw new IllegalStateException("could not seed docverify", e);
        }
        if (impl == Impl.DOCVERIFY) {
            return new Fixture(impl, docverify, new BenchClient(docverify.port()), seeded);
        }
        docverify.close();
        BareServer bare = BareServer.start(0).put(seeded.getDocument().getId(), seeded);
        return new Fixture(impl, bare, new BenchClient(bare.port()), seeded);
    }

    public Impl impl() {
        return impl;
    }

    public BenchServer server() {
        return server;
    }

    public BenchClient client() {
        return client;
    }

    /** The request of the GetDocument figures. */
    public GetDocumentRequest getRequest() {
        return getRequest;
    }

    /** The response every GetDocument should return (the same for both servers). */
    public GetDocumentResponse expected() {
        return expected;
    }

    /**
     * Metadata for the next upload. docverify: a fresh customer in {@code document} status each time (an owner
     * may have only four pending documents, and the same file twice is a duplicate), created in-process from a
     * pool refilled by {@link #prepareUploaders}. Bare: a random id of the same length.
     */
    public UploadMetadata nextUpload() {
        if (impl == Impl.BARE) {
            return Upload.passport(UUID.randomUUID().toString());
        }
        String owner = uploaders.poll();
        if (owner == null) {
            owner = ((DocverifyBenchServer) server).newUploader().value();
        }
        return Upload.passport(owner);
    }

    /** Fills the pool of uploaders (outside measured time). */
    public void prepareUploaders(int count) {
        if (impl == Impl.DOCVERIFY) {
            ((DocverifyBenchServer) server).newUploaders(count).forEach(id -> uploaders.add(id.value()));
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
