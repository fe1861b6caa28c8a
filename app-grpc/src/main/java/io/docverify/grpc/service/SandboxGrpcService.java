package io.docverify.grpc.service;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceProto.CreateBeneficialOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateBeneficialOwnerResponse;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerResponse;
import io.docverify.grpc.v1.SandboxServiceProto.GetOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.GetOwnerResponse;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentResponse;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import io.docverify.ports.sandbox.SandboxUseCase;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code docverify.v1.SandboxService} over the backend's {@link SandboxUseCase}. A backend without sandbox
 * controls (Dwolla reviews documents itself) answers every call with UNIMPLEMENTED, the gRPC code for "not
 * supported or not enabled in this service"; the description names the backend that has them.
 */
public final class SandboxGrpcService extends SandboxServiceGrpc.SandboxServiceImplBase {
    private final Optional<SandboxUseCase> sandbox;
    private final String backendName;

    public SandboxGrpcService(Optional<SandboxUseCase> sandbox, String backendName) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.backendName = Objects.requireNonNull(backendName, "backendName");
    }

    @Override
    public void createCustomer(CreateCustomerRequest request, StreamObserver<CreateCustomerResponse> observer) {
        withSandbox(observer, s -> Replies.unary("sandbox.createCustomer", observer,
                () -> s.createCustomer(new NewCustomer(
                        request.getCustomerId().isEmpty()
                                ? Optional.empty()
                                : Optional.of(new CustomerId(request.getCustomerId())),
                        SandboxMessages.customerType(request.getType()),
                        request.getFirstName(), request.getLastName(),
                        request.getBusinessName().isEmpty()
                                ? Optional.empty()
                                : Optional.of(request.getBusinessName()),
                        SandboxMessages.customerStatus(request.getStatus()))),
                c -> CreateCustomerResponse.newBuilder().setCustomer(SandboxMessages.toProto(c)).build()));
    }

    @Override
    public void createBeneficialOwner(CreateBeneficialOwnerRequest request,
            StreamObserver<CreateBeneficialOwnerResponse> observer) {
        withSandbox(observer, s -> Replies.unary("sandbox.createBeneficialOwner", observer,
                () -> s.createBeneficialOwner(new NewBeneficialOwner(
                        request.getBeneficialOwnerId().isEmpty()
                                ? Optional.empty()
                                : Optional.of(new BeneficialOwnerId(request.getBeneficialOwnerId())),
                        request.getFirstName(), request.getLastName(),
                        SandboxMessages.beneficialOwnerStatus(request.getStatus()))),
                o -> CreateBeneficialOwnerResponse.newBuilder().setBeneficialOwner(SandboxMessages.toProto(o))
                        .build()));
    }

    @Override
    public void getOwner(GetOwnerRequest request, StreamObserver<GetOwnerResponse> observer) {
        withSandbox(observer, s -> Replies.unary("sandbox.getOwner", observer,
                () -> s.owner(DocumentMessages.owner(request)),
                SandboxMessages::toProto));
    }

    @Override
    public void reviewDocument(ReviewDocumentRequest request, StreamObserver<ReviewDocumentResponse> observer) {
        withSandbox(observer, s -> Replies.unary("sandbox.review", observer,
                () -> s.reviewDocument(DocumentMessages.documentId(request.getDocumentId()),
                        SandboxMessages.decision(request)),
                d -> ReviewDocumentResponse.newBuilder().setDocument(DocumentMessages.toProto(d)).build()));
    }

    private void withSandbox(StreamObserver<?> observer, Consumer<SandboxUseCase> call) {
        if (sandbox.isPresent()) {
            call.accept(sandbox.get());
            return;
        }
        observer.onError(Status.UNIMPLEMENTED.withDescription("SandboxService needs the in-memory backend "
                + "(DOCVERIFY_BACKEND=inmemory); the '" + backendName + "' backend has no sandbox controls.")
                .asRuntimeException());
    }
}
