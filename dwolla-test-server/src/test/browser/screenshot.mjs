// Saves a full-page screenshot of the sandbox's reviewer page as chromium renders it (README's
// docs/sandbox-reviewer-page.png comes from ReviewerPageBrowserTest through this script).
// Arguments: page URL, screenshot path. Prints the number of webhook attempts shown.
import { withReviewerPage } from './launch.mjs';

const [url, screenshot] = process.argv.slice(2);
await withReviewerPage(url, async (page) => {
  const attempts = await page.locator('#webhook-deliveries td.attempt').allTextContents();
  console.log('webhook attempts: ' + attempts.join(','));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('saved');
});
