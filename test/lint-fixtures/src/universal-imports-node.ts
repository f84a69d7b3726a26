// Deliberately wrong (see test/e2e/src/module-boundaries.spec.ts): universal code (it may run in
// the browser) importing a node-only lib.
import { parseConfig } from '@convergent/platform-util-config';

export const forbidden = parseConfig;
