// Before the browser tests: Playwright cannot download a browser here, so `npm test` installs
// Debian's Chromium when it is missing (root only), once, with its progress on the console — not
// inside a test hook, where a slow apt-get on a busy machine would read as a test timeout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Returns undefined when Chromium is there, otherwise why it is not and what to run.
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    console.log(`• Chromium is missing at ${CHROMIUM_PATH}: installing Debian's package (once) ...`);
    const install = 'apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends chromium';
    // A fresh machine may have no package lists yet: update them only when the install needs it.
    const result = spawnSync('sh', ['-c', `${install} || (apt-get update && ${install})`], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status === 0 && existsSync(CHROMIUM_PATH)) return undefined;
  }
  return (
    `The browser tests need Chromium at ${CHROMIUM_PATH} and it could not be installed` +
    `${isRoot ? ' (apt-get failed, see above)' : ' (not running as root)'}. ` +
    'Install it with: sudo apt-get install -y chromium   or point CHROMIUM_PATH at a Chromium binary.'
  );
}
