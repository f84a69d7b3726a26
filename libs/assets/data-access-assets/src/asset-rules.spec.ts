import type { AssetKind } from '@convergent/platform-data-access-db';
import { assertMove, assertPlacement, assertTimeZone, type TreeNode } from './asset-rules';

const node = (id: string, kind: AssetKind, ancestors: string[]): TreeNode => ({
  id,
  kind,
  name: id,
  ancestors,
});
const site = node('s', 'site', ['s']);
const line = node('l', 'line', ['s', 'l']);
const machine = node('m', 'machine', ['s', 'l', 'm']);

describe('asset placement', () => {
  it('allows skipping levels downwards', () => {
    expect(() => assertPlacement('machine', site)).not.toThrow();
    expect(() => assertPlacement('site', null)).not.toThrow();
    expect(() => assertPlacement('site', node('e', 'enterprise', ['e']))).not.toThrow();
  });

  it('refuses inverted levels, roots other than sites and enterprises, and parented enterprises', () => {
    expect(() => assertPlacement('line', machine)).toThrow(
      'a line cannot be placed under the machine "m": ISA-95 levels run enterprise > site > area > line > cell > machine',
    );
    expect(() => assertPlacement('line', line)).toThrow('a line cannot be placed under the line "l"');
    expect(() => assertPlacement('machine', null)).toThrow('a machine must be placed inside a site');
    expect(() => assertPlacement('area', node('e', 'enterprise', ['e']))).toThrow(
      'a area must be placed inside a site, not directly under an enterprise',
    );
    expect(() => assertPlacement('enterprise', site)).toThrow('an enterprise is the top of a tree');
  });

  it('refuses moves into the own subtree', () => {
    expect(() => assertMove(line, machine)).toThrow(
      '"l" cannot move under "m", which is inside it: that would make a cycle',
    );
    expect(() => assertMove(line, line)).toThrow('"l" cannot be its own parent');
    expect(() => assertMove(machine, node('l2', 'line', ['s', 'l2']))).not.toThrow();
  });

  it('validates IANA zones on sites only', () => {
    expect(assertTimeZone('site', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(assertTimeZone('site', 'UTC')).toBe('UTC');
    expect(() => assertTimeZone('site', 'Mars/Olympus')).toThrow('"Mars/Olympus" is not an IANA time zone');
    expect(() => assertTimeZone('site', null)).toThrow('a site needs an IANA time zone');
    expect(() => assertTimeZone('line', 'UTC')).toThrow(
      "only sites have a time zone; a line uses its site's",
    );
  });
});
