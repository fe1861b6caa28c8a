// Dwolla's documented Node samples (the x-codeSamples of Dwolla's OpenAPI file, javascript), run with Dwolla's own
// SDK (dwolla-v2) and form-data against the docverify Dwolla sandbox. The samples are unchanged except:
//  - the host: every "https://api-sandbox.dwolla.com" is host(...)'d to the sandbox's base URL;
//  - where a sample reads a resource it does not create, the id is the one this script created;
//  - the beneficial-owner upload sample appends to an undeclared `body` (a typo in Dwolla's file): `requestBody`.
// Dwolla's samples are MIT-licensed (src/main/resources/io/docverify/dwollaserver/LICENSE-dwolla-openapi).
// Started by NodeSdkIT with DWOLLA_SANDBOX_URL, DWOLLA_SANDBOX_KEY and DWOLLA_SANDBOX_SECRET, as the jar printed
// them, in a directory that holds the files to upload. Prints one line per step; any failure exits non-zero.
// Last step: webhook-samples.js (a subscription through the SDK, reviews through the control API, signed webhooks).
"use strict";
const fs = require("fs");
const Client = require("dwolla-v2").Client;
const FormData = require("form-data");
const { webhookSamples } = require("./webhook-samples");

const BASE = process.env.DWOLLA_SANDBOX_URL;
const host = (url) => url.replace("https://api-sandbox.dwolla.com", BASE);

// The SDK's documented setup (https://developers.dwolla.com/sdks-tools), then its sandbox URLs pointed here.
const dwolla = new Client({
  key: process.env.DWOLLA_SANDBOX_KEY,
  secret: process.env.DWOLLA_SANDBOX_SECRET,
  environment: "sandbox",
});
dwolla.tokenUrl = BASE + "/token";
dwolla.apiUrl = BASE;

const say = (line) => console.log(line);

/** The error the SDK surfaces for a refused request: its status and Dwolla's body. */
async function refusal(label, promise) {
  try {
    await promise;
  } catch (err) {
    const body = err.body || {};
    const embedded = body._embedded && body._embedded.errors ? body._embedded.errors.map((e) => e.code + " " + e.path) : [];
    const about = body._links && body._links.about ? " about=" + (body._links.about.href.startsWith(BASE + "/documents/") ? "document" : body._links.about.href) : "";
    say(`error: ${label} -> ${err.status} ${body.code} "${body.message}"${embedded.length ? " [" + embedded.join(", ") + "]" : ""}${about}`);
    return err;
  }
  throw new Error(label + ": the request was not refused");
}

function upload(url, file, documentType, contentType) {
  // The shape of Dwolla's "Create a document for a customer" sample.
  var requestBody = new FormData();
  requestBody.append("file", fs.createReadStream(file), {
    filename: file,
    contentType: contentType || "image/jpeg",
    knownLength: fs.statSync(file).size,
  });
  requestBody.append("documentType", documentType);
  return dwolla.post(`${url}/documents`, requestBody);
}

async function main() {
  // Application authorization (Dwolla's sample): the SDK's own client-credentials flow.
  const appToken = await dwolla.auth.client();
  say(`token: ${appToken.access_token.length} characters, expires_in ${appToken.expires_in}`);

  // Create a customer in document status (Dwolla's testing guide: firstName "document").
  const created = await dwolla.post("customers", {
    firstName: "document",
    lastName: "doctest",
    email: "docTest@email.com",
    type: "personal",
    address1: "99-99 33rd St",
    city: "Some City",
    state: "NY",
    postalCode: "11101",
    dateOfBirth: "1970-01-01",
    ssn: "1234",
  });
  const customerUrl = created.headers.get("location");
  const customer = await dwolla.get(customerUrl);
  say(`customer: ${customer.body.status}, verify-with-document ${customer.body._links["verify-with-document"].href === customerUrl + "/documents"}`);

  // Retrieve a customer (Dwolla's sample, unchanged: a relative path; the customer seeded with this id).
  const sampleCustomer = await dwolla
    .get("customers/FC451A7A-AE30-4404-AB95-E3553FCD733F")
    .then((res) => res.body);
  say(`sample customer: ${sampleCustomer.id} ${sampleCustomer.status}`);

  // Create a document for customer (Dwolla's sample, unchanged but the host; the customer seeded with this id).
  {
    var customerUrl1 = host("https://api-sandbox.dwolla.com/customers/1de32eC7-ff0b-4c0c-9f09-19629e6788ce");

    var requestBody = new FormData();
    requestBody.append("file", fs.createReadStream("mclovin.jpg"), {
      filename: "mclovin.jpg",
      contentType: "image/jpeg",
      knownLength: fs.statSync("mclovin.jpg").size,
    });
    requestBody.append("documentType", "license");

    const location = await dwolla
      .post(`${customerUrl1}/documents`, requestBody)
      .then((res) => res.headers.get("location")); // => "https://api-sandbox.dwolla.com/documents/fb919e0b-..."
    say(`sample upload: Location ${location.startsWith(BASE + "/documents/") ? "<base>/documents/<id>" : location}`);
  }

  // The same for the customer made above: upload, read its Location, get it, list.
  const location = await upload(customerUrl, "doc-1.jpg", "passport").then((res) => res.headers.get("location"));
  const documentId = location.substring(location.lastIndexOf("/") + 1);
  // Retrieve a document (Dwolla's sample; the id is the one just created).
  var documentUrl = host("https://api-sandbox.dwolla.com/documents/" + documentId);
  const type = await dwolla.get(documentUrl).then((res) => res.body.type); // => "passport"
  const doc = await dwolla.get(documentUrl);
  say(`document: ${type} ${doc.body.status} ${doc.body.documentVerificationStatus}`);
  // List documents for customer (Dwolla's sample; the customer made above).
  const firstId = await dwolla
    .get(`${customerUrl}/documents`)
    .then((res) => res.body._embedded["documents"][0].id); // => '56502f7a-...'
  const list = await dwolla.get(`${customerUrl}/documents`);
  say(`list: total ${list.body.total}, first is the upload ${firstId === documentId}`);

  // The errors the SDK surfaces.
  await refusal("duplicate", upload(customerUrl, "doc-1.jpg", "passport"));
  await refusal("invalid file type", upload(customerUrl, "photo.gif", "passport", "image/gif"));
  await refusal("too large", upload(customerUrl, "big.jpg", "passport"));
  const secondLocation = await upload(customerUrl, "doc-2.jpg", "license").then((res) => res.headers.get("location"));
  await upload(customerUrl, "doc-3.jpg", "idCard");
  await upload(customerUrl, "doc-4.jpg", "passport");
  await refusal("fifth pending", upload(customerUrl, "doc-5.jpg", "passport"));
  await refusal("unknown customer", upload(host("https://api-sandbox.dwolla.com/customers/0b1a0f1e-0000-4000-8000-000000000000"), "doc-6.jpg", "passport"));

  // A beneficial owner: a business customer, its owner (Dwolla's sample body, firstName "document" as the testing
  // guide says), then the same document steps.
  const business = await dwolla.post("customers", {
    firstName: "Account",
    lastName: "Admin",
    email: "accountAdmin@email.com",
    type: "business",
    address1: "99-99 33rd St",
    city: "Some City",
    state: "NY",
    postalCode: "11101",
    controller: { firstName: "John", lastName: "Controller", title: "CEO", dateOfBirth: "1980-01-31", ssn: "1234",
      address: { address1: "1749 18th st", city: "Des Moines", stateProvinceRegion: "IA", postalCode: "50266", country: "US" } },
    businessClassification: "9ed3f670-7d6f-11e3-b1ce-5404a6144203",
    businessType: "llc",
    businessName: "Jane Corp",
    ein: "00-0000000",
  });
  // Create customer beneficial owner (Dwolla's sample; the customer made above, firstName "document").
  var customerUrl2 = business.headers.get("location");
  var ownerBody = {
    firstName: "document",
    lastName: "Doe",
    dateOfBirth: "1970-01-01",
    ssn: "123-56-7890",
    address: {
      address1: "99-99 33rd St",
      city: "Some City",
      stateProvinceRegion: "NY",
      country: "US",
      postalCode: "11101",
    },
  };
  var beneficialOwnerUrl = await dwolla
    .post(`${customerUrl2}/beneficial-owners`, ownerBody)
    .then((res) => res.headers.get("location"));
  // Retrieve beneficial owner (Dwolla's sample; the owner made above).
  const firstName = await dwolla.get(beneficialOwnerUrl).then((res) => res.body.firstName); // => 'Jane'
  const owner = await dwolla.get(beneficialOwnerUrl);
  say(`beneficial owner: ${firstName} ${owner.body.verificationStatus}, verify-with-document ${owner.body._links["verify-with-document"].href === beneficialOwnerUrl + "/documents"}`);

  // Create a document for beneficial owner (Dwolla's sample, the host changed, `body` read as `requestBody`).
  let sampleOwnerLocation;
  {
    var beneficialOwnerUrl1 = host("https://api-sandbox.dwolla.com/beneficial-owners/1DE32EC7-FF0B-4C0C-9F09-19629E6788CE");

    var requestBody2 = new FormData();
    requestBody2.append("file", fs.createReadStream("mclovin.jpg"), {
      filename: "mclovin.jpg",
      contentType: "image/jpeg",
      knownLength: fs.statSync("mclovin.jpg").size,
    });
    requestBody2.append("documentType", "license");

    sampleOwnerLocation = await dwolla
      .post(`${beneficialOwnerUrl1}/documents`, requestBody2)
      .then((res) => res.headers.get("location"));
    say(`sample owner upload: Location ${sampleOwnerLocation.startsWith(BASE + "/documents/") ? "<base>/documents/<id>" : sampleOwnerLocation}`);
  }
  const ownerLocation = await upload(beneficialOwnerUrl, "doc-6.jpg", "license").then((res) => res.headers.get("location"));
  const ownerDocument = await dwolla.get(ownerLocation);
  // List documents for beneficial owner (Dwolla's sample; the owner made above).
  const ownerFirst = await dwolla
    .get(`${beneficialOwnerUrl}/documents`)
    .then((res) => res.body._embedded["documents"][0].id);
  say(`owner document: ${ownerDocument.body.type} ${ownerDocument.body.status}, listed ${ownerFirst === ownerDocument.body.id}`);
  await refusal("owner duplicate", upload(beneficialOwnerUrl, "doc-6.jpg", "license"));
  await refusal("owner invalid file type", upload(beneficialOwnerUrl, "photo.gif", "license", "image/gif"));
  await refusal("unknown beneficial owner", dwolla.get(host("https://api-sandbox.dwolla.com/beneficial-owners/07d59716-ef22-4fe6-98e8-f3190233dfb8")));

  // Webhooks (webhook-samples.js): subscribe through the SDK, review through the control API, receive them signed.
  const idOf = (url) => url.substring(url.lastIndexOf("/") + 1);
  await webhookSamples({
    dwolla,
    BASE,
    say,
    reviews: [
      { documentId: documentId, accept: false, reasons: ["ScanNotReadable"], topicPrefix: "customer_verification_document" },
      { documentId: idOf(secondLocation), accept: true, topicPrefix: "customer_verification_document",
        ownerTopic: "customer_verified", ownerId: idOf(customerUrl) },
      { documentId: ownerDocument.body.id, accept: true, topicPrefix: "customer_beneficial_owner_verification_document",
        ownerTopic: "customer_beneficial_owner_verified", ownerId: idOf(beneficialOwnerUrl) },
      { documentId: idOf(sampleOwnerLocation), accept: false, reasons: ["ScanDobMismatch"],
        topicPrefix: "customer_beneficial_owner_verification_document" },
    ],
    customerToMove: "FC451A7A-AE30-4404-AB95-E3553FCD733F", // the control API takes ids in any case, as Dwolla does
  });
  say("done");
}

main().catch((err) => {
  console.error("FAILED: " + (err.stack || err) + (err.body ? " body=" + JSON.stringify(err.body) : ""));
  process.exit(1);
});
