package io.docverify.grpc.security;

import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ErrorInfo;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceProto.CreateBeneficialOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.GetOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDecision;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scopes over a real socket: {@code upload} opens UploadDocument, {@code read} GetDocument, ListDocuments,
 * WatchDocument and WatchEvents, {@code audit} ListDocumentHistory, {@code sandbox} every SandboxService method; a
 * key without the scope a method needs is refused PERMISSION_DENIED / {@code InvalidScopes}. Reflection takes any valid key, health none. Plain
 * keys have every scope.
 */
public class ScopesTest {
    /** Keys of this test; the log scan looks for them. */
    public static final String FRONT_END_KEY = "front-end-key-Jm27Rc5Hx1";
    public static final String REVIEW_KEY = "review-tool-key-Tw64Ba9Ke3";
    public static final String SEEDER_KEY = "seeder-key-Qp18Zn3Dv6";
    public static final String AUDITOR_KEY = "auditor-key-Rs47Gk6Nb2";
    private static TestServer scoped;
    private static TestServer plain;

    @BeforeAll
    static void start() {
        var settings = TestServer.settings();
        settings.remove("DOCVERIFY_API_KEYS");
        settings.put("DOCVERIFY_SCOPED_API_KEYS", "front-end:upload+read:" + FRONT_END_KEY
                + ",review-tool:read+sandbox:" + REVIEW_KEY + ",seeder:sandbox:" + SEEDER_KEY
                + ",auditor:audit:" + AUDITOR_KEY);
        scoped = TestServer.start(TestServer.Kind.SOCKET, settings);
        var plainSettings = TestServer.settings();
        plainSettings.put("DOCVERIFY_API_KEYS", TestServer.KEY + "," + FRONT_END_KEY);
        plain = TestServer.start(TestServer.Kind.SOCKET, plainSettings);
    }

    @AfterAll
    static void stop() {
        scoped.close();
        plain.close();
    }

    private static String customer(String key) {
        return scoped.sandbox(key).createCustomer(CreateCustomerRequest.newBuilder()
                .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build()).getCustomer().getId();
    }

    /** An upload of a PNG that ends with its finish message, as every client must. */
    private static CompletableFuture<Document> upload(DocumentServiceGrpc.DocumentServiceStub
            stub, String customer) {
        return Calls.send(stub, Calls.messages(Calls.passportOf(customer), TestFiles.png(), 16 * 1024));
    }

    private static void assertDenied(Throwable error, String caller, String scope) {
        ErrorInfo info = Calls.assertError(error, Status.Code.PERMISSION_DENIED, "InvalidScopes");
        assertThat(info.getMetadataMap()).containsEntry("requiredScope", scope);
        assertThat(Status.fromThrowable(error).getDescription()).contains("'" + caller + "'", "'" + scope + "'")
                .doesNotContain(FRONT_END_KEY, REVIEW_KEY, SEEDER_KEY, AUDITOR_KEY);
    }

    @Test
    void aReviewingKeyCannotUploadAndNothingIsStored() {
        String customer = customer(REVIEW_KEY);

        Throwable refused = errorOf(() -> Calls.await(upload(scoped.documentsAsync(REVIEW_KEY), customer)));

        assertDenied(refused, "review-tool", "upload");
        assertThat(scoped.documents(REVIEW_KEY).listDocuments(ListDocumentsRequest.newBuilder()
                .setCustomerId(customer).build()).getTotal()).isZero();
    }

    @Test
    void aFrontEndKeyUploadsAndReadsButCannotReviewOrSeedOwners() {
        String customer = customer(REVIEW_KEY);
        var document = Calls.await(upload(scoped.documentsAsync(FRONT_END_KEY), customer));

        assertDenied(errorOf(() -> scoped.sandbox(FRONT_END_KEY).reviewDocument(ReviewDocumentRequest.newBuilder()
                .setDocumentId(document.getId()).setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT).build())),
                "front-end", "sandbox");
        assertDenied(errorOf(() -> scoped.sandbox(FRONT_END_KEY).createCustomer(CreateCustomerRequest.newBuilder()
                .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build())), "front-end", "sandbox");
        assertThat(scoped.documents(FRONT_END_KEY).getDocument(GetDocumentRequest.newBuilder()
                .setDocumentId(document.getId()).build()).getDocument().getStatus())
                .as("the refused review changed nothing").isEqualTo(DocumentStatus.DOCUMENT_STATUS_PENDING);

        var reviewed = scoped.sandbox(REVIEW_KEY).reviewDocument(ReviewDocumentRequest.newBuilder()
                .setDocumentId(document.getId()).setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT).build());
        assertThat(reviewed.getDocument().getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_REVIEWED);
    }

    /** Each method, called so that it reaches the service (which answers OK or NOT_FOUND), returns its code. */
    private static final Map<String, Function<KeyOn, Status.Code>> METHODS = Map.of(
            "UploadDocument", c -> code(() -> Calls.await(upload(c.documentsAsync(), "no-such-customer"))),
            "GetDocument", c -> code(() -> c.documents().getDocument(GetDocumentRequest.newBuilder()
                    .setDocumentId("no-such-document").build())),
            "ListDocuments", c -> code(() -> c.documents().listDocuments(ListDocumentsRequest.newBuilder()
                    .setCustomerId("no-such-customer").build())),
            "WatchDocument", c -> code(() -> c.documents().watchDocument(WatchDocumentRequest.newBuilder()
                    .setDocumentId("no-such-document").build()).hasNext()),
            // An id the log never had: the service answers at once (OUT_OF_RANGE), the stream does not stay open.
            "WatchEvents", c -> code(() -> c.documents().watchEvents(WatchEventsRequest.newBuilder()
                    .setAfterEventId("no-such-event").build()).hasNext()),
            "ListDocumentHistory", c -> code(() -> c.documents().listDocumentHistory(
                    ListDocumentHistoryRequest.newBuilder().setDocumentId("no-such-document").build())),
            "CreateCustomer", c -> code(() -> c.sandbox().createCustomer(CreateCustomerRequest.newBuilder()
                    .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build())),
            "CreateBeneficialOwner", c -> code(() -> c.sandbox().createBeneficialOwner(
                    CreateBeneficialOwnerRequest.getDefaultInstance())),
            "GetOwner", c -> code(() -> c.sandbox().getOwner(GetOwnerRequest.newBuilder()
                    .setCustomerId("no-such-customer").build())),
            "ReviewDocument", c -> code(() -> c.sandbox().reviewDocument(ReviewDocumentRequest.newBuilder()
                    .setDocumentId("no-such-document").setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT)
                    .build())));

    /** A key on a server. */
    private record KeyOn(TestServer server, String key) {
        DocumentServiceGrpc.DocumentServiceBlockingStub documents() {
            return server.documents(key);
        }

        DocumentServiceGrpc.DocumentServiceStub documentsAsync() {
            return server.documentsAsync(key);
        }

        SandboxServiceGrpc.SandboxServiceBlockingStub sandbox() {
            return server.sandbox(key);
        }
    }

    private static Status.Code code(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
                Calls.assertError(e, Status.Code.PERMISSION_DENIED, "InvalidScopes");
            }
            return e.getStatus().getCode();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "front-end,UploadDocument,allowed", "front-end,GetDocument,allowed", "front-end,ListDocuments,allowed",
            "front-end,WatchDocument,allowed", "front-end,WatchEvents,allowed", "front-end,CreateCustomer,denied",
            "front-end,ListDocumentHistory,denied", "review-tool,ListDocumentHistory,denied",
            "seeder,ListDocumentHistory,denied", "auditor,ListDocumentHistory,allowed", "auditor,GetDocument,denied",
            "auditor,UploadDocument,denied", "auditor,WatchEvents,denied", "auditor,GetOwner,denied",
            "plain key-1,ListDocumentHistory,allowed",
            "front-end,CreateBeneficialOwner,denied", "front-end,GetOwner,denied", "front-end,ReviewDocument,denied",
            "review-tool,UploadDocument,denied", "review-tool,GetDocument,allowed",
            "review-tool,ListDocuments,allowed", "review-tool,WatchDocument,allowed", "review-tool,WatchEvents,allowed",
            "review-tool,CreateCustomer,allowed", "review-tool,CreateBeneficialOwner,allowed",
            "review-tool,GetOwner,allowed", "review-tool,ReviewDocument,allowed",
            "seeder,UploadDocument,denied", "seeder,GetDocument,denied", "seeder,ListDocuments,denied",
            "seeder,WatchDocument,denied", "seeder,WatchEvents,denied", "seeder,CreateCustomer,allowed", "seeder,GetOwner,allowed",
            "plain key-1,UploadDocument,allowed", "plain key-1,GetDocument,allowed",
            "plain key-1,ListDocuments,allowed", "plain key-1,WatchDocument,allowed", "plain key-1,WatchEvents,allowed",
            "plain key-1,CreateCustomer,allowed", "plain key-1,CreateBeneficialOwner,allowed",
            "plain key-1,GetOwner,allowed", "plain key-1,ReviewDocument,allowed",
            "plain key-2,UploadDocument,allowed", "plain key-2,ReviewDocument,allowed"})
    void eachKeyReachesExactlyTheMethodsOfItsScopes(String key, String method, String expected) {
        KeyOn caller = switch (key) {
            case "front-end" -> new KeyOn(scoped, FRONT_END_KEY);
            case "review-tool" -> new KeyOn(scoped, REVIEW_KEY);
            case "seeder" -> new KeyOn(scoped, SEEDER_KEY);
            case "auditor" -> new KeyOn(scoped, AUDITOR_KEY);
            case "plain key-1" -> new KeyOn(plain, TestServer.KEY);
            case "plain key-2" -> new KeyOn(plain, FRONT_END_KEY);
            default -> throw new IllegalArgumentException(key);
        };

        Status.Code code = METHODS.get(method).apply(caller);

        if (expected.equals("denied")) {
            assertThat(code).isEqualTo(Status.Code.PERMISSION_DENIED);
        } else {
            assertThat(code).as("the service answered").isIn(Status.Code.OK, Status.Code.NOT_FOUND,
                    Status.Code.OUT_OF_RANGE);
        }
    }

    @Test
    void everyMethodOfBothServicesNeedsAScope() {
        for (MethodDescriptor<?, ?> method : DocumentServiceGrpc.getServiceDescriptor().getMethods()) {
            Scope expected = switch (method.getBareMethodName()) {
                case "UploadDocument" -> Scope.UPLOAD;
                case "ListDocumentHistory" -> Scope.AUDIT;
                default -> Scope.READ;
            };
            assertThat(ScopeInterceptor.requiredScope(method.getFullMethodName())).as(method.getFullMethodName())
                    .contains(expected);
        }
        for (MethodDescriptor<?, ?> method : SandboxServiceGrpc.getServiceDescriptor().getMethods()) {
            assertThat(ScopeInterceptor.requiredScope(method.getFullMethodName())).as(method.getFullMethodName())
                    .contains(Scope.SANDBOX);
        }
        assertThat(DocumentServiceGrpc.getServiceDescriptor().getMethods()).hasSize(6);
        assertThat(ScopeInterceptor.requiredScope("docverify.v1.DocumentService/DeleteDocument"))
                .as("a method the table does not know needs a scope no key has").isEqualTo(Optional.empty());
    }

    @Test
    void reflectionTakesAnyValidKeyWhateverItsScopes() throws Exception {
        var seederOnly = Calls.listServices(ServerReflectionGrpc.newStub(scoped.channel())
                .withInterceptors(TestServer.bearer(SEEDER_KEY)));
        var wrongKey = Calls.listServices(ServerReflectionGrpc.newStub(scoped.channel())
                .withInterceptors(TestServer.bearer(TestServer.KEY)));

        assertThat(seederOnly.get(10, TimeUnit.SECONDS)).contains("docverify.v1.DocumentService");
        assertThat(Status.fromThrowable(errorOf(() -> Calls.await(wrongKey))).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void anUploadWithoutTheScopeIsRefusedBeforeItsFirstMessage() {
        var upload = Calls.open(scoped.documentsAsync(REVIEW_KEY));

        assertDenied(upload.failure(), "review-tool", "upload");
    }
}
