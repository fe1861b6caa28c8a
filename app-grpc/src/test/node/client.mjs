// End-to-end client: proves that a Node service can use docverify with nothing but the project's .proto files.
// Usage: node client.mjs <port> <api key>   (DOCVERIFY_PROTO_DIR overrides where the .proto files are)
// Prints one line per step and "e2e OK" at the end; exits 1 at the first failed check.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const [port, apiKey] = process.argv.slice(2);
if (!port || !apiKey) {
  console.error('usage: node client.mjs <port> <api key>');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const protoDir = process.env.DOCVERIFY_PROTO_DIR ?? path.resolve(here, '../../main/proto');

const definition = protoLoader.loadSync(
  ['docverify/v1/document_service.proto', 'docverify/v1/sandbox_service.proto'],
  { includeDirs: [protoDir], longs: String, enums: String, defaults: true, oneofs: true });
const v1 = grpc.loadPackageDefinition(definition).docverify.v1;
const target = `127.0.0.1:${port}`;
const documents = new v1.DocumentService(target, grpc.credentials.createInsecure());
const sandbox = new v1.SandboxService(target, grpc.credentials.createInsecure());

// google.rpc.Status and ErrorInfo, to read the error details docverify sends in grpc-status-details-bin.
const rpcTypes = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: { nested: { Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } } } },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
                details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 },
              },
            },
            ErrorInfo: {
              fields: {
                reason: { type: 'string', id: 1 },
                domain: { type: 'string', id: 2 },
                metadata: { keyType: 'string', type: 'string', id: 3 },
              },
            },
          },
        },
      },
    },
  },
});
const RpcStatus = rpcTypes.lookupType('google.rpc.Status');
const ErrorInfo = rpcTypes.lookupType('google.rpc.ErrorInfo');

const auth = (key = apiKey) => {
  const metadata = new grpc.Metadata();
  metadata.add('authorization', `Bearer ${key}`);
  return metadata;
};
const inSeconds = (s) => ({ deadline: Date.now() + s * 1000 });

function unary(client, method, request, metadata = auth()) {
  return new Promise((resolve, reject) => client[method](request, metadata, inSeconds(10),
    (error, response) => (error ? reject(error) : resolve(response))));
}

function upload(metadata, bytes, chunkSize) {
  return new Promise((resolve, reject) => {
    const call = documents.UploadDocument(auth(), inSeconds(20),
      (error, response) => (error ? reject(error) : resolve(response.document)));
    call.write({ metadata });
    for (let at = 0; at < bytes.length; at += chunkSize) {
      call.write({ chunk: bytes.subarray(at, at + chunkSize) });
    }
    call.end();
  });
}

/** The reason of the ErrorInfo detail of a gRPC error. */
function reasonOf(error) {
  const [details] = error.metadata.get('grpc-status-details-bin');
  assert.ok(details, `no status details in ${error.message}`);
  const info = RpcStatus.decode(details).details.find((d) => d.type_url.endsWith('/google.rpc.ErrorInfo'));
  assert.ok(info, 'no ErrorInfo detail');
  return ErrorInfo.decode(info.value).reason;
}

async function expectError(what, promise, code, reason) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.code, code, `${what}: ${error.message}`);
    const actual = reason ? reasonOf(error) : '';
    assert.equal(actual, reason ?? '', what);
    console.log(`error: ${what} -> ${grpc.status[error.code]}${reason ? ` ${actual}` : ''}`);
    return;
  }
  assert.fail(`${what}: expected ${grpc.status[code]}`);
}

/** A PNG as docverify confirms it: a complete header (signature and IHDR, 640 x 480, with its CRC), then unique bytes. */
const PNG_HEADER = Buffer.from('89504e470d0a1a0a0000000d4948445200000280000001e00802000000bab34bb3', 'hex');
const png = (size) => Buffer.concat([PNG_HEADER, randomBytes(size - PNG_HEADER.length)]);

async function main() {
  const { customer } = await unary(sandbox, 'CreateCustomer',
    { type: 'CUSTOMER_TYPE_PERSONAL', status: 'CUSTOMER_STATUS_DOCUMENT' });
  console.log(`seeded customer ${customer.id} ${customer.status}`);

  const file = png(200 * 1024);
  const document = await upload({ customerId: customer.id, documentType: 'DOCUMENT_TYPE_PASSPORT', fileName: 'passport.png' },
    file, 64 * 1024);
  assert.equal(document.customerId, customer.id);
  assert.equal(document.status, 'DOCUMENT_STATUS_PENDING');
  console.log(`uploaded document ${document.id} ${document.status} in ${Math.ceil(file.length / (64 * 1024))} chunks`);

  const watch = documents.WatchDocument({ documentId: document.id }, auth(), inSeconds(30));
  const updates = [];
  let wake = () => {};
  watch.on('data', (response) => { updates.push(response.document); wake(); });
  const ended = new Promise((resolve, reject) => { watch.on('end', resolve); watch.on('error', reject); });
  const nextUpdate = async () => {
    while (updates.length === 0) {
      await new Promise((resolve) => { wake = resolve; });
    }
    return updates.shift();
  };

  const first = await nextUpdate();
  assert.equal(first.status, 'DOCUMENT_STATUS_PENDING');
  console.log(`watch: ${first.status} ${first.verificationStatus}`);

  const { document: reviewed } = await unary(sandbox, 'ReviewDocument',
    { documentId: document.id, decision: 'REVIEW_DECISION_ACCEPT' });
  console.log(`reviewed: ${reviewed.verificationStatus}`);

  const last = await nextUpdate();
  assert.equal(last.status, 'DOCUMENT_STATUS_REVIEWED');
  assert.equal(last.verificationStatus, 'VERIFICATION_STATUS_ACCEPTED');
  console.log(`watch: ${last.status} ${last.verificationStatus}`);
  await ended;
  console.log('watch: ended');

  const { document: read } = await unary(documents, 'GetDocument', { documentId: document.id });
  assert.deepEqual(read, last);
  console.log(`get agrees: ${read.status} ${read.verificationStatus}`);

  const { customer: owner } = await unary(sandbox, 'GetOwner', { customerId: customer.id });
  assert.equal(owner.status, 'CUSTOMER_STATUS_VERIFIED');
  console.log(`owner: ${owner.status}`);

  const { customer: another } = await unary(sandbox, 'CreateCustomer', { status: 'CUSTOMER_STATUS_DOCUMENT' });
  const gif = Buffer.concat([Buffer.from('GIF89a'), randomBytes(1024)]);
  await expectError('gif', upload({ customerId: another.id, documentType: 'DOCUMENT_TYPE_PASSPORT', fileName: 'passport.gif' },
    gif, 512), grpc.status.INVALID_ARGUMENT, 'invalidFileType');
  await expectError('unknown customer', upload({ customerId: 'no-such-customer', documentType: 'DOCUMENT_TYPE_LICENSE',
    fileName: 'licence.png' }, png(1024), 512), grpc.status.NOT_FOUND, 'notFound');
  await expectError('wrong api key', unary(documents, 'GetDocument', { documentId: document.id }, auth('not-the-key-0123456789')),
    grpc.status.UNAUTHENTICATED);

  console.log('e2e OK');
}

main().then(
  () => { documents.close(); sandbox.close(); },
  (error) => { console.error(`FAILED: ${error.stack ?? error}`); process.exit(1); });
