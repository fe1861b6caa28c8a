// Shared by the scripts ReviewerPageBrowserTest runs: launches Debian's chromium (CHROMIUM, or /usr/bin/chromium)
// through playwright-core, opens one 1280x900 page at the given URL, hands it to the script's steps and closes the
// browser however they end.
import { chromium } from 'playwright-core';

export async function withReviewerPage(url, steps) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await steps(page);
  } finally {
    await browser.close();
  }
}
