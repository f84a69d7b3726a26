import type { Asset } from './operations';

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

// Where a machine sits: its ancestors from the top down, and its site (for the time zone).
export interface MachinePlace {
  machine: Asset;
  ancestors: Asset[];
  site: Asset | null;
}

export function findMachine(assets: readonly Asset[], machineId: string): MachinePlace | null {
  const byId = new Map(assets.map((a) => [a.id, a]));
  const machine = byId.get(machineId);
  if (!machine || machine.kind !== 'machine') return null;

  const ancestors: Asset[] = [];
  const seen = new Set<string>([machine.id]);
  let parentId = machine.parentId;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    seen.add(parent.id);
    ancestors.unshift(parent);
    parentId = parent.parentId;
  }
  const site =
    (machine.siteId === null ? undefined : byId.get(machine.siteId)) ??
    ancestors.find((a) => a.kind === 'site') ??
    null;
  return { machine, ancestors: ancestors.filter((a) => a.kind !== 'enterprise'), site };
}
