"""End-to-end client: proves that a Python service can use docverify with nothing but the project's .proto files.

Usage: python3 client.py <port> <api key> <stubs dir>
The stubs dir holds the modules protoc generated from the .proto files (PythonClientIT generates them into target/:
protoc --python_out --grpc_python_out with Debian's grpc_python_plugin). Prints one line per step and "e2e OK" at
the end; exits 1 at the first failed check.
"""
import hashlib
import os
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

if len(sys.argv) != 4:
    print("usage: python3 client.py <port> <api key> <stubs dir>", file=sys.stderr)
    sys.exit(2)
port, api_key, stubs = sys.argv[1:]
sys.path.insert(0, stubs)

from docverify.v1 import document_pb2  # noqa: E402
from docverify.v1 import document_service_pb2 as ds  # noqa: E402
from docverify.v1 import document_service_pb2_grpc as ds_grpc  # noqa: E402
from docverify.v1 import sandbox_service_pb2 as sb  # noqa: E402
from docverify.v1 import sandbox_service_pb2_grpc as sb_grpc  # noqa: E402


def rpc_types():
    """google.rpc.Status and ErrorInfo, to read the error details docverify sends in grpc-status-details-bin."""
    pool = descriptor_pool.DescriptorPool()
    any_file = descriptor_pb2.FileDescriptorProto(name="google/protobuf/any.proto", package="google.protobuf",
                                                  syntax="proto3")
    any_type = any_file.message_type.add(name="Any")
    any_type.field.add(name="type_url", number=1, type=9, label=1)  # string
    any_type.field.add(name="value", number=2, type=12, label=1)  # bytes
    pool.Add(any_file)
    rpc = descriptor_pb2.FileDescriptorProto(name="google/rpc/docverify_client.proto", package="google.rpc",
                                             syntax="proto3", dependency=["google/protobuf/any.proto"])
    status = rpc.message_type.add(name="Status")
    status.field.add(name="code", number=1, type=5, label=1)  # int32
    status.field.add(name="message", number=2, type=9, label=1)
    status.field.add(name="details", number=3, type=11, label=3, type_name=".google.protobuf.Any")
    info = rpc.message_type.add(name="ErrorInfo")
    info.field.add(name="reason", number=1, type=9, label=1)
    info.field.add(name="domain", number=2, type=9, label=1)
    entry = info.nested_type.add(name="MetadataEntry")
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, type=9, label=1)
    entry.field.add(name="value", number=2, type=9, label=1)
    info.field.add(name="metadata", number=3, type=11, label=3, type_name=".google.rpc.ErrorInfo.MetadataEntry")
    pool.Add(rpc)
    # GetMessageClass since protobuf 4.22; Debian 12's python3-protobuf (4.21) has MessageFactory.GetPrototype.
    message_class = getattr(message_factory, "GetMessageClass", None) or message_factory.MessageFactory(pool).GetPrototype
    return (message_class(pool.FindMessageTypeByName("google.rpc.Status")),
            message_class(pool.FindMessageTypeByName("google.rpc.ErrorInfo")))


RpcStatus, ErrorInfo = rpc_types()
channel = grpc.insecure_channel(f"127.0.0.1:{port}")
documents = ds_grpc.DocumentServiceStub(channel)
sandbox = sb_grpc.SandboxServiceStub(channel)


def auth(key=api_key):
    return [("authorization", f"Bearer {key}")]


def upload(metadata, data, chunk_size, with_finish=True):
    """Uploads a file: the metadata, the chunks, then the finish message that declares the size and the SHA-256."""
    def requests():
        yield ds.UploadDocumentRequest(metadata=metadata)
        for at in range(0, len(data), chunk_size):
            yield ds.UploadDocumentRequest(chunk=data[at:at + chunk_size])
        if with_finish:
            yield ds.UploadDocumentRequest(finish=ds.UploadFinish(
                size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest()))
    return documents.UploadDocument(requests(), metadata=auth(), timeout=20).document


def error_info_of(error):
    """The ErrorInfo detail of a gRPC error, decoded from grpc-status-details-bin."""
    details = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    assert details, f"no status details in {error.details()}"
    status = RpcStatus.FromString(details)
    infos = [d for d in status.details if d.type_url.endswith("/google.rpc.ErrorInfo")]
    assert infos, "no ErrorInfo detail"
    return ErrorInfo.FromString(infos[0].value)


def expect_error(what, call, code, reason=None):
    try:
        call()
    except grpc.RpcError as error:
        assert error.code() == code, f"{what}: {error.code()} {error.details()}"
        actual = error_info_of(error).reason if reason else None
        assert actual == reason, f"{what}: reason {actual}"
        print(f"error: {what} -> {code.name}{' ' + actual if reason else ''}", flush=True)
        return error
    raise AssertionError(f"{what}: expected {code.name}")


PNG_HEADER = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000280000001e00802000000bab34bb3")


def png(size):
    """A PNG as docverify confirms it: a complete header (signature and IHDR, 640 x 480, with its CRC), then unique bytes."""
    return PNG_HEADER + os.urandom(size - len(PNG_HEADER))


def name(enum, value):
    return enum.Name(value)


def main():
    customer = sandbox.CreateCustomer(sb.CreateCustomerRequest(
        type=sb.CUSTOMER_TYPE_PERSONAL, status=sb.CUSTOMER_STATUS_DOCUMENT), metadata=auth(), timeout=10).customer
    print(f"seeded customer {customer.id} {name(sb.CustomerStatus, customer.status)}", flush=True)

    data = png(200 * 1024)
    document = upload(ds.UploadMetadata(customer_id=customer.id, document_type=document_pb2.DOCUMENT_TYPE_PASSPORT,
                                        file_name="passport.png"), data, 64 * 1024)
    assert document.customer_id == customer.id
    assert document.status == document_pb2.DOCUMENT_STATUS_PENDING
    print(f"uploaded document {document.id} {name(document_pb2.DocumentStatus, document.status)} in "
          f"{-(-len(data) // (64 * 1024))} chunks", flush=True)

    watch = documents.WatchDocument(ds.WatchDocumentRequest(document_id=document.id), metadata=auth(), timeout=30)
    first = next(watch).document
    assert first.status == document_pb2.DOCUMENT_STATUS_PENDING
    print(f"watch: {name(document_pb2.DocumentStatus, first.status)} "
          f"{name(document_pb2.VerificationStatus, first.verification_status)}", flush=True)

    reviewed = sandbox.ReviewDocument(sb.ReviewDocumentRequest(
        document_id=document.id, decision=sb.REVIEW_DECISION_ACCEPT), metadata=auth(), timeout=10).document
    print(f"reviewed: {name(document_pb2.VerificationStatus, reviewed.verification_status)}", flush=True)

    last = next(watch).document
    assert last.status == document_pb2.DOCUMENT_STATUS_REVIEWED
    assert last.verification_status == document_pb2.VERIFICATION_STATUS_ACCEPTED
    print(f"watch: {name(document_pb2.DocumentStatus, last.status)} "
          f"{name(document_pb2.VerificationStatus, last.verification_status)}", flush=True)
    assert next(watch, None) is None, "the watch goes on after the review"
    print("watch: ended", flush=True)

    read = documents.GetDocument(ds.GetDocumentRequest(document_id=document.id), metadata=auth(), timeout=10).document
    assert read == last
    print(f"get agrees: {name(document_pb2.DocumentStatus, read.status)} "
          f"{name(document_pb2.VerificationStatus, read.verification_status)}", flush=True)

    owner = sandbox.GetOwner(sb.GetOwnerRequest(customer_id=customer.id), metadata=auth(), timeout=10).customer
    assert owner.status == sb.CUSTOMER_STATUS_VERIFIED
    print(f"owner: {name(sb.CustomerStatus, owner.status)}", flush=True)

    # The customer's audit history (ListDocumentHistory; a plain key has the `audit` scope): its upload's start and
    # end, then the review, each entry the customer's; a page token the service did not issue is refused.
    history = documents.ListDocumentHistory(ds.ListDocumentHistoryRequest(customer_id=customer.id, page_size=50),
                                            metadata=auth(), timeout=10)
    kinds = [entry.WhichOneof("kind") for entry in history.entries]
    assert all(entry.customer_id == customer.id for entry in history.entries), history
    assert kinds[:2] == ["upload_started", "upload_ended"], kinds
    assert history.entries[1].upload_ended.attempt_sequence == history.entries[0].sequence, history
    assert "document_reviewed" in kinds, kinds
    assert [entry.sequence for entry in history.entries] == sorted(entry.sequence for entry in history.entries)
    print(f"history: {len(history.entries)} entries of the customer, oldest first: {', '.join(kinds)}", flush=True)
    expect_error("malformed page token", lambda: documents.ListDocumentHistory(ds.ListDocumentHistoryRequest(
        customer_id=customer.id, page_token="not-a-token-of-ours"), metadata=auth(), timeout=10),
        grpc.StatusCode.INVALID_ARGUMENT, "ValidationError")

    # WatchEvents: the same upload and review as events, from the oldest retained; then a resume after an event id.
    events = documents.WatchEvents(ds.WatchEventsRequest(customer_id=customer.id, from_oldest=True),
                                   metadata=auth(), timeout=30)
    uploaded_event, approved_event, verified_event = [next(events).event for _ in range(3)]
    events.cancel()
    assert uploaded_event.kind == ds.EVENT_KIND_DOCUMENT_UPLOADED, uploaded_event
    assert uploaded_event.document_id == document.id and uploaded_event.customer_id == customer.id
    assert approved_event.kind == ds.EVENT_KIND_DOCUMENT_APPROVED, approved_event
    assert verified_event.topic == "customer_verified", verified_event
    print(f"events: {uploaded_event.topic}, {approved_event.topic}, {verified_event.topic}", flush=True)
    resumed = documents.WatchEvents(ds.WatchEventsRequest(customer_id=customer.id, after_event_id=uploaded_event.id),
                                    metadata=auth(), timeout=30)
    assert [next(resumed).event.id for _ in range(2)] == [approved_event.id, verified_event.id]
    resumed.cancel()
    print("events: resumed after the upload event, none twice", flush=True)
    expect_error("WatchEvents after an unknown event id", lambda: next(documents.WatchEvents(
        ds.WatchEventsRequest(after_event_id="not-an-event-here"), metadata=auth(), timeout=10)),
        grpc.StatusCode.OUT_OF_RANGE, "eventNotRetained")

    another = sandbox.CreateCustomer(sb.CreateCustomerRequest(status=sb.CUSTOMER_STATUS_DOCUMENT),
                                     metadata=auth(), timeout=10).customer
    gif = b"GIF89a" + os.urandom(1024)
    expect_error("gif", lambda: upload(ds.UploadMetadata(customer_id=another.id, file_name="passport.gif",
                                                         document_type=document_pb2.DOCUMENT_TYPE_PASSPORT), gif, 512),
                 grpc.StatusCode.INVALID_ARGUMENT, "invalidFileType")
    expect_error("unknown customer", lambda: upload(ds.UploadMetadata(
        customer_id="no-such-customer", document_type=document_pb2.DOCUMENT_TYPE_LICENSE, file_name="licence.png"),
        png(1024), 512), grpc.StatusCode.NOT_FOUND, "notFound")
    no_finish = expect_error("no finish", lambda: upload(ds.UploadMetadata(
        customer_id=another.id, document_type=document_pb2.DOCUMENT_TYPE_PASSPORT, file_name="passport.png"),
        png(4096), 1024, with_finish=False), grpc.StatusCode.INVALID_ARGUMENT, "ValidationError")
    field_paths = error_info_of(no_finish).metadata["fieldPaths"]
    assert field_paths == "/finish", field_paths
    stored = documents.ListDocuments(ds.ListDocumentsRequest(customer_id=another.id), metadata=auth(), timeout=10)
    assert len(stored.documents) == 0
    print(f"error: no finish names {field_paths}, nothing stored", flush=True)

    expect_error("wrong api key", lambda: documents.GetDocument(ds.GetDocumentRequest(document_id=document.id),
                                                                metadata=auth("not-the-key-0123456789"), timeout=10),
                 grpc.StatusCode.UNAUTHENTICATED)
    channel.close()
    print("e2e OK", flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as failure:  # one line per failed check, then exit 1 (like the Node client)
        import traceback
        traceback.print_exc()
        print(f"FAILED: {failure!r}", file=sys.stderr)
        sys.exit(1)
