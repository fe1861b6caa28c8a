// Drives Debian's chromium through the sandbox's reviewer page: rejects one pending document with several failure
// reasons by clicking their checkboxes and then Reject, and waits until the document has left the pending table.
// Arguments: page URL, document id, then the reasons to check (Dwolla's codes). Exits 0 on success; prints one
// line per step.
import { withReviewerPage } from './launch.mjs';

const [url, documentId, ...reasons] = process.argv.slice(2);
await withReviewerPage(url, async (page) => {
  const row = page.locator(`#pending tr[data-document-id="${documentId}"]`);
  console.log('pending rows before: ' + (await row.count()));
  // Reject with nothing checked: refused on the page, nothing sent.
  await row.locator('button.reject').click();
  console.log('message: ' + (await page.locator('#message').textContent()));
  for (const reason of reasons) {
    await row.locator(`input.reason[value="${reason}"]`).click();
  }
  const checked = await row.locator('input.reason:checked').evaluateAll((boxes) => boxes.map((b) => b.value));
  console.log('checked: ' + checked.join(','));
  await row.locator('button.reject').click();
  await page.waitForFunction(
    (id) => !document.querySelector(`#pending tr[data-document-id="${id}"]`),
    documentId, { timeout: 15000 });
  console.log('pending rows after: ' + (await row.count()));
  const reviewed = page.locator(`#documents tr[data-document-id="${documentId}"] td`);
  console.log('documents row: ' + (await reviewed.allTextContents()).join(' | '));
});
