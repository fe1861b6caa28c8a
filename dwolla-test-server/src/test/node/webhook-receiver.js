// A Dwolla webhook receiver in plain Node.js (no dependencies), written to be copied. It does what Dwolla's
// "Process and validate webhooks" page asks, with two fixes to that page's snippet: the signature is compared in
// constant time (crypto.timingSafeEqual, not ===) and it is computed over the raw bytes received, never over
// re-serialised JSON.
//
//   DWOLLA_WEBHOOK_SECRET=... PORT=8081 node webhook-receiver.js     (listens on 127.0.0.1)
//
// or, from code:  const { createReceiver } = require("./webhook-receiver");
//                 createReceiver({ secret, onEvent: (event, topic) => ... }).listen(0, "127.0.0.1");
//
// NodeSdkIT runs this file against the docverify Dwolla sandbox (see README, "Dwolla sandbox").
"use strict";
const crypto = require("crypto");
const http = require("http");

// Dwolla's events are a few KiB: refuse anything much larger before buffering it.
const MAX_BODY_BYTES = 64 * 1024;

/**
 * True when `signature` (the X-Request-Signature-SHA-256 header: lowercase hex) is the HMAC-SHA256 of the raw
 * body bytes keyed with the subscription's secret. Constant time: both sides are 32-byte digests.
 */
function isValidSignature(rawBody, signature, secret) {
  if (typeof signature !== "string" || !/^[0-9a-fA-F]{64}$/.test(signature)) {
    return false;
  }
  const expected = crypto.createHmac("sha256", secret).update(rawBody).digest();
  return crypto.timingSafeEqual(Buffer.from(signature, "hex"), expected);
}

/**
 * An http.Server that takes Dwolla's webhooks: POST only, body bounded, signature checked first (a bad or missing
 * one is answered 401 and nothing else happens). A verified event is answered 200 at once and handed to
 * `onEvent(event, topic)` afterwards, once per event id: Dwolla may deliver an event twice, and a duplicate must
 * still be answered 2xx (failures count towards pausing the subscription). `onRefused(info)` is told about each
 * refused request, for logging or tests. Keep the seen ids in your database in production, not in memory.
 */
function createReceiver({ secret, onEvent, onRefused = () => {} }) {
  if (typeof secret !== "string" || secret.length === 0) {
    throw new Error("the webhook secret is required");
  }
  const seen = new Set();
  return http.createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { Allow: "POST" }).end();
      return;
    }
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { Connection: "close" }).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (res.writableEnded) {
        return;
      }
      const rawBody = Buffer.concat(chunks); // the exact bytes Dwolla signed
      const signature = req.headers["x-request-signature-sha-256"]; // Node lowercases header names
      const topic = req.headers["x-dwolla-topic"];
      if (!isValidSignature(rawBody, signature, secret)) {
        res.writeHead(401).end();
        onRefused({ reason: "signature", topic, rawBody, signature });
        return;
      }
      let event;
      try {
        event = JSON.parse(rawBody.toString("utf8"));
      } catch (notJson) {
        res.writeHead(400).end();
        onRefused({ reason: "json", topic, rawBody, signature });
        return;
      }
      res.writeHead(200).end(); // answer first: never call Dwolla before answering (10 s limit)
      if (typeof event.id !== "string" || seen.has(event.id)) {
        return; // a duplicate delivery: already handled
      }
      seen.add(event.id);
      // Treat the event as a hint: fetch event._links.resource.href with an application token for the state.
      setImmediate(() => onEvent(event, topic));
    });
  });
}

module.exports = { isValidSignature, createReceiver, MAX_BODY_BYTES };

if (require.main === module) {
  const server = createReceiver({
    secret: process.env.DWOLLA_WEBHOOK_SECRET,
    onEvent: (event, topic) => console.log(`${topic} ${event.resourceId}`),
    onRefused: (info) => console.error(`refused a request (${info.reason})`),
  });
  server.listen(Number(process.env.PORT || 0), "127.0.0.1", () =>
    console.log(`listening on http://127.0.0.1:${server.address().port}/`));
}
