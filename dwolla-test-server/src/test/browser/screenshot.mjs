// Saves a full-page screenshot of the sandbox's reviewer page as chromium renders it (README's
// docs/sandbox-reviewer-page.png comes from ReviewerPageBrowserTest through this script).
// Arguments: page URL, screenshot path. Prints the number of webhook attempts shown.
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  const attempts = await page.locator('#webhook-deliveries td.attempt').allTextContents();
  console.log('webhook attempts: ' + attempts.join(','));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('saved');
} finally {
  await browser.close();
}
