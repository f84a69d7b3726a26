import { spawnSync } from 'node:child_process';
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

// Playwright cannot download a browser here, so the browser tests use Debian's and install it
// when it is missing (root only; otherwise the message says what to run).
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    console.log(`Chromium is missing at ${CHROMIUM_PATH}: installing it with apt-get (once) ...`);
    const install = 'apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends chromium';
    // A fresh machine may have no package lists yet: update them only when the install needs it.
    const result = spawnSync('sh', ['-c', `${install} || (apt-get update && ${install})`], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status === 0 && existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  }
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM_PATH} and it could not be installed` +
      `${isRoot ? ' (apt-get failed, see above)' : ' (not running as root)'}.\n` +
      `Install it with: sudo apt-get install -y chromium   or point CHROMIUM_PATH at a Chromium binary.`,
  );
}
