// End-to-end client: proves that a Node service can use docverify with nothing but the project's .proto files.
// Usage: node client.mjs <port> <api key>   (DOCVERIFY_PROTO_DIR overrides where the .proto files are)
// Prints one line per step and "e2e OK" at the end; exits 1 at the first failed check.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
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

/**
 * Uploads a file: the metadata, the chunks, then the finish message that declares the size (and the SHA-256),
 * then the end of the stream. Without `finish` docverify stores nothing (`withFinish: false` shows it).
 */
function upload(metadata, bytes, chunkSize, { withFinish = true } = {}) {
  return new Promise((resolve, reject) => {
    const call = documents.UploadDocument(auth(), inSeconds(20),
      (error, response) => (error ? reject(error) : resolve(response.document)));
    call.write({ metadata });
    for (let at = 0; at < bytes.length; at += chunkSize) {
      call.write({ chunk: bytes.subarray(at, at + chunkSize) });
    }
    if (withFinish) {
      call.write({ finish: { sizeBytes: String(bytes.length), sha256: createHash('sha256').update(bytes).digest('hex') } });
    }
    call.end();
  });
}

/** The ErrorInfo detail of a gRPC error: its reason and metadata. */
function errorInfoOf(error) {
  const [details] = error.metadata.get('grpc-status-details-bin');
  assert.ok(details, `no status details in ${error.message}`);
  const info = RpcStatus.decode(details).details.find((d) => d.type_url.endsWith('/google.rpc.ErrorInfo'));
  assert.ok(info, 'no ErrorInfo detail');
  return ErrorInfo.decode(info.value);
}

/** The reason of the ErrorInfo detail of a gRPC error. */
function reasonOf(error) {
  return errorInfoOf(error).reason;
}

/** A WatchEvents stream: `next()` resolves with its next event, or rejects with the error that ended it. */
function watchEvents(request) {
  const call = documents.WatchEvents(request, auth(), inSeconds(60));
  const events = [];
  let failure;
  let wake = () => {};
  call.on('data', (response) => { events.push(response.event); wake(); });
  call.on('error', (error) => { failure = error; wake(); });
  const next = async () => {
    while (events.length === 0) {
      if (failure) {
        throw failure;
      }
      await new Promise((resolve) => { wake = resolve; });
    }
    return events.shift();
  };
  return { call, next };
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * Starts an upload and ends it before its `finish` message: after `chunks` chunks, by `call.cancel()` (which
 * Node's HTTP/2 layer sends as an empty DATA frame with END_STREAM and RST_STREAM, in one packet), after an
 * optional pause; or by a deadline of `deadlineMs`. Resolves with the call's status code.
 */
function cutUpload(metadata, bytes, chunkSize, chunks, { pauseMs = 0, deadlineMs = 20000, cancel = true } = {}) {
  return new Promise((resolve) => {
    const call = documents.UploadDocument(auth(), { deadline: Date.now() + deadlineMs },
      (error) => resolve(error ? error.code : grpc.status.OK));
    call.write({ metadata });
    for (let i = 0, at = 0; i < chunks && at < bytes.length; i += 1, at += chunkSize) {
      call.write({ chunk: bytes.subarray(at, at + chunkSize) });
    }
    if (cancel) {
      setTimeout(() => call.cancel(), pauseMs);
    }
  });
}

/** The correct retry of a cut upload under its key; a key the service has not yet let go of reads Conflict briefly. */
async function retryUnderTheKey(metadata, bytes) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await upload(metadata, bytes, 16 * 1024);
    } catch (error) {
      if (error.code !== grpc.status.ABORTED || attempt >= 100) {
        throw error;
      }
      await sleep(20);
    }
  }
}

async function documentsOf(customerId) {
  return (await unary(documents, 'ListDocuments', { customerId })).documents;
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
  // Every event of this customer, from the oldest the server retains: nothing is missed while the stream starts.
  const events = watchEvents({ customerId: customer.id, fromOldest: true });

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

  // The audit history of the customer (ListDocumentHistory, `audit` scope: a plain key has every scope). Each entry
  // is the customer's; a page token the service did not issue is refused.
  const history = await unary(documents, 'ListDocumentHistory', { customerId: customer.id, pageSize: 50 });
  assert.ok(Array.isArray(history.entries));
  for (const entry of history.entries) {
    assert.equal(entry.customerId, customer.id);
    assert.ok(['uploadStarted', 'uploadEnded', 'documentReviewed', 'ownerStatusChanged'].includes(entry.kind), entry.kind);
  }
  console.log(`history: ${history.entries.length} entries of the customer, oldest first`);
  await expectError('malformed page token', unary(documents, 'ListDocumentHistory',
    { customerId: customer.id, pageToken: 'not-a-token-of-ours' }), grpc.status.INVALID_ARGUMENT, 'ValidationError');

  // WatchEvents followed the upload and its review; a reconnect after an event id resumes with what came next.
  const uploadedEvent = await events.next();
  const approvedEvent = await events.next();
  const verifiedEvent = await events.next();
  assert.equal(uploadedEvent.kind, 'EVENT_KIND_DOCUMENT_UPLOADED');
  assert.equal(uploadedEvent.documentId, document.id);
  assert.equal(uploadedEvent.customerId, customer.id);
  assert.equal(approvedEvent.kind, 'EVENT_KIND_DOCUMENT_APPROVED');
  assert.equal(approvedEvent.topic, 'customer_verification_document_approved');
  assert.equal(verifiedEvent.kind, 'EVENT_KIND_OWNER_STATUS_CHANGED');
  assert.equal(verifiedEvent.topic, 'customer_verified');
  events.call.cancel();
  console.log(`events: ${[uploadedEvent, approvedEvent, verifiedEvent].map((e) => e.topic).join(', ')}`);
  const resumed = watchEvents({ customerId: customer.id, afterEventId: uploadedEvent.id });
  assert.deepEqual([(await resumed.next()).id, (await resumed.next()).id], [approvedEvent.id, verifiedEvent.id]);
  resumed.call.cancel();
  console.log('events: resumed after the upload event with the approval and the status change, none twice');
  await expectError('WatchEvents after an unknown event id', watchEvents({ afterEventId: 'not-an-event-here' }).next(),
    grpc.status.OUT_OF_RANGE, 'eventNotRetained');

  const { customer: another } = await unary(sandbox, 'CreateCustomer', { status: 'CUSTOMER_STATUS_DOCUMENT' });
  const gif = Buffer.concat([Buffer.from('GIF89a'), randomBytes(1024)]);
  await expectError('gif', upload({ customerId: another.id, documentType: 'DOCUMENT_TYPE_PASSPORT', fileName: 'passport.gif' },
    gif, 512), grpc.status.INVALID_ARGUMENT, 'invalidFileType');
  await expectError('unknown customer', upload({ customerId: 'no-such-customer', documentType: 'DOCUMENT_TYPE_LICENSE',
    fileName: 'licence.png' }, png(1024), 512), grpc.status.NOT_FOUND, 'notFound');
  const { customer: third } = await unary(sandbox, 'CreateCustomer', { status: 'CUSTOMER_STATUS_DOCUMENT' });
  const noFinish = await upload({ customerId: third.id, documentType: 'DOCUMENT_TYPE_PASSPORT', fileName: 'passport.png' },
    png(4096), 1024, { withFinish: false }).then(() => assert.fail('an upload without finish was accepted'), (e) => e);
  assert.equal(noFinish.code, grpc.status.INVALID_ARGUMENT, noFinish.message);
  const noFinishInfo = errorInfoOf(noFinish);
  assert.equal(noFinishInfo.reason, 'ValidationError');
  assert.equal(noFinishInfo.metadata.fieldPaths, '/finish');
  assert.equal((await documentsOf(third.id)).length, 0);
  console.log(`error: no finish -> ${grpc.status[noFinish.code]} ${noFinishInfo.reason} ${noFinishInfo.metadata.fieldPaths}, nothing stored`);
  await expectError('wrong size', upload({ customerId: third.id, documentType: 'DOCUMENT_TYPE_PASSPORT',
    fileName: 'passport.png', sizeBytes: '4095' }, png(4096), 1024), grpc.status.INVALID_ARGUMENT, 'ValidationError');
  await expectError('declared over 10 MiB', upload({ customerId: third.id, documentType: 'DOCUMENT_TYPE_PASSPORT',
    fileName: 'passport.png', sizeBytes: String(10 * 1024 * 1024 + 1) }, png(4096), 1024),
  grpc.status.INVALID_ARGUMENT, 'fileTooLarge');
  assert.equal((await documentsOf(third.id)).length, 0);

  // Cancels at random points: each cut upload stores nothing and leaves its key free for the correct retry.
  const cancels = Number(process.env.DOCVERIFY_NODE_CANCELS ?? 40);
  const cut = [];
  for (let i = 0; i < cancels; i += 1) {
    const { customer: owner } = await unary(sandbox, 'CreateCustomer', { status: 'CUSTOMER_STATUS_DOCUMENT' });
    const metadata = { customerId: owner.id, documentType: 'DOCUMENT_TYPE_PASSPORT', fileName: 'passport.png',
      idempotencyKey: `node-cancel-${i}-${randomBytes(6).toString('hex')}` };
    const file = png(16 * 1024 * (2 + Math.floor(Math.random() * 6)));
    const chunks = Math.floor(Math.random() * (file.length / (16 * 1024) + 1));
    const code = await cutUpload(metadata, file, 16 * 1024, chunks, { pauseMs: Math.floor(Math.random() * 20) });
    assert.equal(code, grpc.status.CANCELLED, `cancel ${i} after ${chunks} chunks`);
    cut.push({ owner, metadata, file, chunks });
  }
  let storedByCancels = 0;
  for (const c of cut) {
    storedByCancels += (await documentsOf(c.owner.id)).length;
  }
  assert.equal(storedByCancels, 0, `documents stored by ${cancels} cancelled uploads`);
  for (const c of cut) {
    const retried = await retryUnderTheKey(c.metadata, c.file);
    assert.deepEqual((await documentsOf(c.owner.id)).map((d) => d.id), [retried.id]);
  }
  console.log(`cancels: ${cancels} uploads cancelled at random points stored 0 documents; each retry under its key created exactly 1`);

  // A deadline that expires mid-file: grpc-js ends the stream and resets it, like a cancel.
  const { customer: late } = await unary(sandbox, 'CreateCustomer', { status: 'CUSTOMER_STATUS_DOCUMENT' });
  const lateMetadata = { customerId: late.id, documentType: 'DOCUMENT_TYPE_PASSPORT', fileName: 'passport.png',
    idempotencyKey: `node-deadline-${randomBytes(6).toString('hex')}` };
  const lateFile = png(256 * 1024);
  const lateCode = await cutUpload(lateMetadata, lateFile, 16 * 1024, 5, { deadlineMs: 300, cancel: false });
  assert.equal(lateCode, grpc.status.DEADLINE_EXCEEDED);
  await sleep(100);
  assert.equal((await documentsOf(late.id)).length, 0, 'documents after the deadline');
  const lateRetry = await retryUnderTheKey(lateMetadata, lateFile);
  assert.deepEqual((await documentsOf(late.id)).map((d) => d.id), [lateRetry.id]);
  console.log('deadline: DEADLINE_EXCEEDED mid-file stored nothing; the retry under its key created exactly 1');

  // Many watches on one connection, all cancelled at once (a service stopping its watchers): grpc-js sends one
  // RST_STREAM per call. The service's reset guard follows the streams a connection may have open
  // (DOCVERIFY_MAX_CALLS_PER_CONNECTION, raised by the test), so the connection stays, and the watch left open on
  // it still hears the review.
  const massWatches = Number(process.env.DOCVERIFY_NODE_MASS_WATCHES ?? 0);
  if (massWatches > 0) {
    const { customer: watched } = await unary(sandbox, 'CreateCustomer', { status: 'CUSTOMER_STATUS_DOCUMENT' });
    const watchedDocument = await upload({ customerId: watched.id, documentType: 'DOCUMENT_TYPE_PASSPORT',
      fileName: 'passport.png' }, png(4096), 4096);
    const open = () => {
      const call = documents.WatchDocument({ documentId: watchedDocument.id }, auth(), inSeconds(60));
      const seen = [];
      const end = new Promise((resolve) => { call.on('error', (e) => resolve(e.code)); call.on('end', () => resolve(grpc.status.OK)); });
      const first = new Promise((resolve) => { call.once('data', (response) => resolve(response.document)); end.then(resolve); });
      call.on('data', (response) => seen.push(response.document));
      return { call, seen, end, first };
    };
    const survivor = open();
    const watches = Array.from({ length: massWatches }, open);
    for (const w of [survivor, ...watches]) {
      const first = await w.first;
      assert.equal(first?.status, 'DOCUMENT_STATUS_PENDING', `every watch open with its first message, not ${typeof first === 'number' ? grpc.status[first] : first}`);
    }
    for (const w of watches) {
      w.call.cancel();
    }
    const codes = await Promise.all(watches.map((w) => w.end));
    assert.equal(codes.filter((c) => c === grpc.status.CANCELLED).length, massWatches, 'every cancelled watch ended CANCELLED');
    await sleep(500);
    await unary(sandbox, 'ReviewDocument', { documentId: watchedDocument.id, decision: 'REVIEW_DECISION_ACCEPT' });
    const survivorEnd = await survivor.end;
    assert.equal(survivorEnd, grpc.status.OK, `the watch left open ended ${grpc.status[survivorEnd]}, not with the review`);
    assert.equal(survivor.seen.at(-1)?.status, 'DOCUMENT_STATUS_REVIEWED', 'the watch left open heard the review');
    console.log(`mass cancel: ${massWatches} watches cancelled at once on one connection; the watch left open heard the review`);
  }

  await expectError('wrong api key', unary(documents, 'GetDocument', { documentId: document.id }, auth('not-the-key-0123456789')),
    grpc.status.UNAUTHENTICATED);

  console.log('e2e OK');
}

main().then(
  () => { documents.close(); sandbox.close(); },
  (error) => { console.error(`FAILED: ${error.stack ?? error}`); process.exit(1); });
