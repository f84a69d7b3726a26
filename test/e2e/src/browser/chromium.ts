import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Headless Debian Chromium as STACK.md describes it: no sandbox (containers run as root), no
// GPU, and none of the background traffic a browser makes on its own.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// `npm test` installs Debian's Chromium before the suites start (tools/dev/ensure-chromium.mjs);
// a test run some other way gets the same advice instead of a launch error.
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM_PATH}. Run them through \`npm test\`, which installs ` +
      `Debian's package when it is missing, or install it with: sudo apt-get install -y chromium ` +
      `(or point CHROMIUM_PATH at a Chromium binary).`,
  );
}
