// The last step of sdk-samples.js: Dwolla's "Create a webhook subscription" sample (dwolla-v2, the SDK's own
// application token), a receiver (webhook-receiver.js) on 127.0.0.1, the uploaded documents reviewed through the
// sandbox's control API (/_sandbox/..., Dwolla keeps that side in its dashboard), and the signed webhooks checked:
// signature, X-Dwolla-Topic against the body, and _links.resource read back through the SDK. Then a delivery signed
// with another secret (the sandbox's wrongSecret webhook fault) must be refused, and its retry (the sandbox clock
// moved 15 minutes) accepted. Every expectation is asserted; a failure throws, and sdk-samples.js exits non-zero.
"use strict";
const assert = require("assert");
const crypto = require("crypto");
const { createReceiver, isValidSignature } = require("./webhook-receiver");

const WAIT_MS = 5000; // each webhook is expected within this (the sandbox sends at once)

/** Deliveries seen by the receiver, and waiting for one that matches, bounded by WAIT_MS. */
function inbox() {
  const items = [];
  const waiters = [];
  return {
    items,
    add(item) {
      items.push(item);
      for (const w of waiters.splice(0)) {
        if (w.match(item)) {
          clearTimeout(w.timer);
          w.resolve(item);
        } else {
          waiters.push(w);
        }
      }
    },
    next(label, match) {
      const found = items.find(match);
      if (found) {
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        w.timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no ${label} within ${WAIT_MS} ms; got ${items.map((i) => i.topic).join(", ") || "nothing"}`));
        }, WAIT_MS);
        waiters.push(w);
      });
    },
  };
}

async function webhookSamples({ dwolla, BASE, say, reviews, customerToMove }) {
  const control = async (path, body) => {
    const res = await fetch(BASE + "/_sandbox" + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.strictEqual(res.status, 200, `POST /_sandbox${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  };

  // The receiver, as a user runs it, with a secret of its own.
  const secret = crypto.randomBytes(32).toString("hex");
  const accepted = inbox();
  const refused = inbox();
  const receiver = createReceiver({
    secret,
    onEvent: (event, topic) => accepted.add({ event, topic }),
    onRefused: (info) => refused.add(info),
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${receiver.address().port}/dwolla`;

  try {
    // Create a webhook subscription (Dwolla's sample; the url and secret are this receiver's).
    var requestBody = {
      url: receiverUrl,
      secret: secret,
    };
    const subscriptionUrl = await dwolla
      .post("webhook-subscriptions", requestBody)
      .then((res) => res.headers.get("location")); // => 'https://api-sandbox.dwolla.com/webhook-subscriptions/5af4c10a-...'
    assert.ok(subscriptionUrl.startsWith(BASE + "/webhook-subscriptions/"), subscriptionUrl);
    const subscription = await dwolla.get(subscriptionUrl);
    assert.strictEqual(subscription.body.url, receiverUrl);
    assert.strictEqual(subscription.body.paused, false);
    assert.strictEqual(subscription.body.secret, undefined, "the secret is never shown");
    say("subscription: Location <base>/webhook-subscriptions/<id>, paused false");

    // Review each document as a reviewer would, then wait for its signed webhook.
    for (const r of reviews) {
      const decision = r.accept ? { decision: "accepted" } : { decision: "rejected", reasons: r.reasons };
      const reviewed = await control(`/documents/${r.documentId}/review`, decision);
      assert.strictEqual(reviewed.status, "reviewed");
      const topic = r.topicPrefix + (r.accept ? "_approved" : "_failed");
      const got = await accepted.next(topic, (d) => d.event.topic === topic && d.event.resourceId === r.documentId);
      assert.strictEqual(got.topic, got.event.topic, "X-Dwolla-Topic is the body's topic");
      const resourceUrl = got.event._links.resource.href;
      assert.strictEqual(resourceUrl, BASE + "/documents/" + r.documentId);
      const document = await dwolla.get(resourceUrl).then((res) => res.body);
      assert.strictEqual(document.id, r.documentId);
      assert.strictEqual(document.status, "reviewed");
      assert.strictEqual(document.documentVerificationStatus, r.accept ? "accepted" : "rejected");
      if (!r.accept) {
        assert.strictEqual(document.failureReason, r.reasons[0]);
      }
      say(`webhook: ${topic} signed, topic header matches, resource ${document.documentVerificationStatus}${r.accept ? "" : " " + document.failureReason}`);
      if (r.ownerTopic) {
        const moved = await accepted.next(r.ownerTopic, (d) => d.event.topic === r.ownerTopic && d.event.resourceId === r.ownerId);
        assert.strictEqual(moved.topic, r.ownerTopic);
        const owner = await dwolla.get(moved.event._links.resource.href).then((res) => res.body);
        assert.strictEqual(owner.id, r.ownerId);
        say(`webhook: ${r.ownerTopic} signed, owner ${owner.status || owner.verificationStatus}`);
      }
    }
    assert.strictEqual(refused.items.length, 0, "every delivery so far was signed with the secret");

    // A delivery signed with another secret: the sandbox's webhook fault, queued through the control API.
    const queued = await control("/webhook-faults", { kind: "wrongSecret" });
    assert.strictEqual(queued.pending, 1);
    await control(`/customers/${customerToMove}/status`, { status: "verified" });
    const bad = await refused.next("refused delivery", (i) => i.topic === "customer_verified");
    assert.strictEqual(bad.reason, "signature");
    assert.strictEqual(isValidSignature(bad.rawBody, bad.signature, secret), false, "the verifier says false");
    const badEvent = JSON.parse(bad.rawBody.toString("utf8"));
    assert.ok(!accepted.items.some((d) => d.event.id === badEvent.id), "a refused event is not handled");
    // The receiver's checks on their own: the right HMAC passes, another secret's or re-serialised JSON's does not.
    const hmac = (key, bytes) => crypto.createHmac("sha256", key).update(bytes).digest("hex");
    assert.strictEqual(isValidSignature(bad.rawBody, hmac(secret, bad.rawBody), secret), true);
    assert.strictEqual(isValidSignature(bad.rawBody, hmac("another secret", bad.rawBody), secret), false);
    const reserialised = Buffer.from(JSON.stringify(badEvent, null, 2));
    assert.strictEqual(isValidSignature(reserialised, hmac(secret, bad.rawBody), secret), false);
    assert.strictEqual(isValidSignature(bad.rawBody, undefined, secret), false);
    say("webhook: signed with another secret -> refused 401, verifier false");

    // Dwolla retries a failed delivery 15 minutes after the first attempt: move the sandbox clock.
    await control("/clock/advance", { by: "PT15M" });
    const retried = await accepted.next("retry", (d) => d.event.id === badEvent.id);
    assert.strictEqual(retried.topic, "customer_verified");
    say("webhook: its retry after PT15M on the sandbox clock -> accepted, same event id");
  } finally {
    receiver.closeAllConnections();
    receiver.close();
  }
}

module.exports = { webhookSamples };
