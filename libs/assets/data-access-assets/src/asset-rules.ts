import { DomainError } from '@convergent/shared-util-contracts';
import type { AssetKind } from '@convergent/platform-data-access-db';

// ISA-95 levels from the top; a level may be skipped (a line straight under a site), never inverted.
const LEVELS: readonly AssetKind[] = ['enterprise', 'site', 'area', 'line', 'cell', 'machine'];

export interface TreeNode {
  id: string;
  kind: AssetKind;
  name: string;
  ancestors: readonly string[];
}

function level(kind: AssetKind): number {
  return LEVELS.indexOf(kind);
}

// Where an asset of `kind` may sit: enterprises at the top only; sites at the top or under an
// enterprise; everything else inside a site (below its level), so every such asset has a site
// whose visibility and time zone apply to it.
export function assertPlacement(kind: AssetKind, parent: TreeNode | null): void {
  if (kind === 'enterprise') {
    if (parent)
      throw new DomainError('BAD_USER_INPUT', 'an enterprise is the top of a tree: it cannot have a parent');
    return;
  }
  if (!parent) {
    if (kind === 'site') return;
    throw new DomainError('BAD_USER_INPUT', `a ${kind} must be placed inside a site (give parentId)`);
  }
  if (level(parent.kind) >= level(kind))
    throw new DomainError(
      'BAD_USER_INPUT',
      `a ${kind} cannot be placed under the ${parent.kind} "${parent.name}": ISA-95 levels run enterprise > site > area > line > cell > machine`,
    );
  if (kind !== 'site' && parent.kind === 'enterprise')
    throw new DomainError(
      'BAD_USER_INPUT',
      `a ${kind} must be placed inside a site, not directly under an enterprise`,
    );
}

// A move must not put an asset inside its own subtree, and must keep the levels in order.
export function assertMove(asset: TreeNode, newParent: TreeNode | null): void {
  if (newParent && newParent.ancestors.includes(asset.id))
    throw new DomainError(
      'BAD_USER_INPUT',
      newParent.id === asset.id
        ? `"${asset.name}" cannot be its own parent`
        : `"${asset.name}" cannot move under "${newParent.name}", which is inside it: that would make a cycle`,
    );
  assertPlacement(asset.kind, newParent);
}

export function assertAssetName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 120)
    throw new DomainError('BAD_USER_INPUT', 'an asset name must be 1 to 120 characters');
  return trimmed;
}

// Sites carry the IANA zone that shifts and buckets are computed in; other assets inherit theirs.
export function assertTimeZone(kind: AssetKind, timeZone: string | null | undefined): string | null {
  if (kind !== 'site') {
    if (timeZone)
      throw new DomainError('BAD_USER_INPUT', `only sites have a time zone; a ${kind} uses its site's`);
    return null;
  }
  if (!timeZone)
    throw new DomainError('BAD_USER_INPUT', 'a site needs an IANA time zone, e.g. "Europe/Berlin"');
  if (!isIanaTimeZone(timeZone))
    throw new DomainError(
      'BAD_USER_INPUT',
      `"${timeZone}" is not an IANA time zone (e.g. "Europe/Berlin", "UTC")`,
    );
  return timeZone;
}

export function isIanaTimeZone(timeZone: string): boolean {
  return timeZone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(timeZone);
}
