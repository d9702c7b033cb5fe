// crawl stage: finding a Chromium to drive — $GOVHEALTH_CHROMIUM, the config, Debian's /usr/bin/chromium, then
// Playwright's own download. No browser is a reported condition, never a crash.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Flags for headless Chromium on a locked-down server (no sandbox as root, no background traffic). Images are not
 * even requested: the checks read <img> from the HTML and probe the targets themselves, and each image the route had
 * to refuse cost a round trip between Chromium and node.
 */
export const CHROMIUM_ARGS = [
  '--blink-settings=imagesEnabled=false',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
];

/**
 * The Chromium executable to use, or undefined with the places looked at. A browser named by
 * $GOVHEALTH_CHROMIUM or `crawl.chromium` is the only one tried: a wrong path is reported, not replaced.
 */
export function findChromium(configured?: string, env: Record<string, string | undefined> = process.env): { path?: string; looked: string[] } {
  const chosen = env.GOVHEALTH_CHROMIUM || configured;
  const candidates = chosen ? [chosen] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  if (!chosen) {
    try {
      candidates.push(chromium.executablePath());
    } catch {
      /* playwright-core without a downloaded browser */
    }
  }
  return { path: candidates.find((c) => existsSync(c)), looked: candidates };
}
