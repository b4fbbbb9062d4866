import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded one (see README, Tests). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Without the networking flags Chromium calls home at start, and this machine refuses it. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/** A mid-size phone, the width the pages are designed and checked at. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

export function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** A fresh page in its own context, at phone width and a phone's pixel density. */
export async function phonePage(
  browser: Browser,
  options: { acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 2, ...options });
  return context.newPage();
}
