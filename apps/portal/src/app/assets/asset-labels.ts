import type { AssetKind } from '../api/operations';

export const KIND_LABELS: Record<AssetKind, string> = {
  enterprise: 'Enterprise',
  site: 'Site',
  area: 'Area',
  line: 'Line',
  cell: 'Cell',
  machine: 'Machine',
};

export function assetPath(assetId: string): string {
  return `/assets/${encodeURIComponent(assetId)}`;
}
