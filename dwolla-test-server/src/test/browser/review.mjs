// Drives Debian's chromium through the sandbox's reviewer page: accept one pending document by clicking, then
// wait until the owner's status reads "verified". Arguments: page URL, document id, owner id, screenshot path.
// Exits 0 on success; prints one line per step.
import { withReviewerPage } from './launch.mjs';

const [url, documentId, ownerId, screenshot] = process.argv.slice(2);
await withReviewerPage(url, async (page) => {
  const status = page.locator(`#owners tr[data-owner-id="${ownerId}"] td.status`);
  console.log('before: ' + (await status.textContent()));
  await page.locator(`#pending button.accept[data-document-id="${documentId}"]`).click();
  await page.waitForFunction(
    (id) => document.querySelector(`#owners tr[data-owner-id="${id}"] td.status`)?.textContent === 'verified',
    ownerId, { timeout: 15000 });
  console.log('after: ' + (await status.textContent()));
  const stillPending = await page.locator(`#pending tr[data-document-id="${documentId}"]`).count();
  console.log('pending rows for the document: ' + stillPending);
  await page.screenshot({ path: screenshot, fullPage: true });
});
