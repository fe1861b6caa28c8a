package io.docverify.grpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.WatchRecorder;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated hostile unary and watch requests: empty, oversized and malformed ids, unknown ids, enum numbers the
 * API does not define (review decision, customer type and status). Each gets its documented status, reason and
 * field path, and changes nothing: the one pending document of the test's customer stays pending and alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileReadsTest {
    private TestServer server;
    private String customer;
    private Document pending;

    /** A hostile request, described in words, and its documented answer. */
    private record Hostile(String description, Function<HostileReadsTest, Throwable> call, Status.Code code,
            String reason, String fieldPath) {
        @Override
        public String toString() {
            return description;
        }
    }

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Kind.SOCKET);
        customer = Calls.customerAwaitingDocuments(server);
        pending = Calls.upload(server, Calls.passportOf(customer), LeakMarker.mark(TestFiles.png(1024)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyHostileReadOrReviewGetsItsDocumentedStatusAndChangesNothing() {
        HostileUploadTest.theory(120).forAll(requests()).checkAssert(hostile -> {
            Throwable error = hostile.call().apply(this);
            if (hostile.reason() == null) {
                assertThat(Status.fromThrowable(error).getCode()).as("%s", hostile).isEqualTo(hostile.code());
            } else {
                var info = Calls.assertError(error, hostile.code(), hostile.reason());
                if (hostile.fieldPath() != null) {
                    assertThat(info.getMetadataMap()).as("%s", hostile)
                            .containsEntry("fieldPaths", hostile.fieldPath());
                }
            }
            assertThat(server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer)
                    .build()).getDocumentsList()).as("after %s", hostile).containsExactly(pending);
        });
    }

    private static Gen<Hostile> requests() {
        Gen<String> badIds = HostileGenerators.badIds();
        Gen<String> unknownIds = Generate.constant(() -> UUID.randomUUID().toString());
        return Generate.frequency(List.of(
                Pair.of(3, badIds.map(id -> idCase("GetDocument", id, "/documentId", HostileReadsTest::get))),
                Pair.of(1, unknownIds.map(id -> unknownCase("GetDocument", id, HostileReadsTest::get))),
                Pair.of(3, badIds.map(id -> idCase("WatchDocument", id, "/documentId", HostileReadsTest::watch))),
                Pair.of(1, unknownIds.map(id -> unknownCase("WatchDocument", id, HostileReadsTest::watch))),
                Pair.of(2, badIds.map(id -> idCase("ListDocuments of customer", id, "/customerId",
                        HostileReadsTest::listOfCustomer))),
                Pair.of(2, badIds.map(id -> idCase("ListDocuments of beneficial owner", id, "/beneficialOwnerId",
                        HostileReadsTest::listOfBeneficialOwner))),
                Pair.of(1, unknownIds.map(id -> unknownCase("ListDocuments of customer", id,
                        HostileReadsTest::listOfCustomer))),
                Pair.of(1, Generate.constant(new Hostile("ListDocuments without an owner",
                        t -> Calls.errorOf(() -> t.server.documents().listDocuments(
                                ListDocumentsRequest.getDefaultInstance())),
                        Status.Code.INVALID_ARGUMENT, "ValidationError", "/owner"))),
                Pair.of(2, badIds.map(id -> idCase("ReviewDocument (accept)", id, "/documentId",
                        HostileReadsTest::accept))),
                Pair.of(3, integers().between(3, 1_000_000).map(n -> new Hostile(
                        "ReviewDocument of the pending document with decision = " + n + " (undefined enum number)",
                        t -> Calls.errorOf(() -> t.server.sandbox().reviewDocument(ReviewDocumentRequest.newBuilder()
                                .setDocumentId(t.pending.getId()).setDecisionValue(n).build())),
                        Status.Code.INVALID_ARGUMENT, "ValidationError", "/decision"))),
                Pair.of(2, integers().between(5, 1_000_000).map(n -> new Hostile(
                        "CreateCustomer with type = " + n + " (undefined enum number)",
                        t -> Calls.errorOf(() -> t.server.sandbox().createCustomer(CreateCustomerRequest.newBuilder()
                                .setTypeValue(n).build())),
                        Status.Code.INVALID_ARGUMENT, "ValidationError", "/type"))),
                Pair.of(2, integers().between(8, 1_000_000).map(n -> new Hostile(
                        "CreateCustomer with status = " + n + " (undefined enum number)",
                        t -> Calls.errorOf(() -> t.server.sandbox().createCustomer(CreateCustomerRequest.newBuilder()
                                .setStatusValue(n).build())),
                        Status.Code.INVALID_ARGUMENT, "ValidationError", "/status")))));
    }

    private interface IdCall {
        Throwable call(HostileReadsTest test, String id);
    }

    private static Hostile idCase(String rpc, String id, String path, IdCall call) {
        return new Hostile(rpc + " with id of " + id.length() + " chars " + HostileUpload.describe(id),
                t -> call.call(t, id), Status.Code.INVALID_ARGUMENT, "ValidationError", path);
    }

    private static Hostile unknownCase(String rpc, String id, IdCall call) {
        return new Hostile(rpc + " with unknown id " + id, t -> call.call(t, id), Status.Code.NOT_FOUND, "notFound",
                null);
    }

    private Throwable get(String id) {
        return Calls.errorOf(() -> server.documents().getDocument(GetDocumentRequest.newBuilder().setDocumentId(id)
                .build()));
    }

    private Throwable watch(String id) {
        var watch = WatchRecorder.watch(server.documentsAsync(), id);
        try {
            Throwable end = watch.awaitEnd();
            assertThat(watch.documents).as("documents streamed for id %s", id).isEmpty();
            return end;
        } catch (Exception e) {
            throw new AssertionError("the watch of " + id + " did not end", e);
        }
    }

    private Throwable listOfCustomer(String id) {
        return Calls.errorOf(() -> server.documents().listDocuments(ListDocumentsRequest.newBuilder()
                .setCustomerId(id).build()));
    }

    private Throwable listOfBeneficialOwner(String id) {
        return Calls.errorOf(() -> server.documents().listDocuments(ListDocumentsRequest.newBuilder()
                .setBeneficialOwnerId(id).build()));
    }

    private Throwable accept(String id) {
        return Calls.errorOf(() -> server.sandbox().reviewDocument(ReviewDocumentRequest.newBuilder()
                .setDocumentId(id).setDecisionValue(1).build()));
    }
}
