import type { Asset } from '../api/operations';

export interface AssetNode {
  asset: Asset;
  children: AssetNode[];
}

// The groups the overview shows, in the API's order (depth, then name). A user who may see only
// some sites does not see their enterprise, so an asset whose parent is not in the list is a top
// group; an enterprise is never a group of its own: its children take its place.
export function buildAssetTree(assets: readonly Asset[]): AssetNode[] {
  const nodes = new Map<string, AssetNode>();
  for (const asset of assets) nodes.set(asset.id, { asset, children: [] });

  const roots: AssetNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.asset.parentId === null ? undefined : nodes.get(node.asset.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }

  const groups: AssetNode[] = [];
  const open = [...roots];
  while (open.length > 0) {
    const node = open.shift() as AssetNode;
    if (node.asset.kind === 'enterprise') open.unshift(...node.children);
    else groups.push(node);
  }
  return groups;
}

// Where an asset sits: its ancestors from the top down (without the enterprise, which is not a
// page of its own), its site (for the time zone), its children and the machines below it.
export interface AssetPlace {
  asset: Asset;
  ancestors: Asset[];
  site: Asset | null;
  children: Asset[];
  machineCount: number;
}

export function findAsset(assets: readonly Asset[], assetId: string): AssetPlace | null {
  const byId = new Map(assets.map((a) => [a.id, a]));
  const asset = byId.get(assetId);
  if (!asset) return null;

  const ancestors: Asset[] = [];
  const seen = new Set<string>([asset.id]);
  let parentId = asset.parentId;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    seen.add(parent.id);
    ancestors.unshift(parent);
    parentId = parent.parentId;
  }
  const site =
    asset.kind === 'site'
      ? asset
      : ((asset.siteId === null ? undefined : byId.get(asset.siteId)) ??
        ancestors.find((a) => a.kind === 'site') ??
        null);
  return {
    asset,
    ancestors: ancestors.filter((a) => a.kind !== 'enterprise'),
    site,
    children: assets.filter((a) => a.parentId === asset.id),
    machineCount: countMachinesBelow(assets, asset.id),
  };
}

export function countMachinesBelow(assets: readonly Asset[], assetId: string): number {
  const below = new Set([assetId]);
  let count = 0;
  // The API lists parents before children (depth, then name), so one pass sees every descendant.
  for (const a of assets) {
    if (a.parentId === null || !below.has(a.parentId)) continue;
    below.add(a.id);
    if (a.kind === 'machine') count += 1;
  }
  return count;
}
