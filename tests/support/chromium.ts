/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core, which
 * never downloads a browser. A missing Chromium fails the test rather than skipping it: CI installs
 * it (.ci/run), and a skipped browser test proves nothing.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: browser tests need Debian's chromium (apt-get install chromium, as .ci/run does); they never download a browser`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
