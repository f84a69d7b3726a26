import { asset } from '../spec-helpers';
import { buildAssetTree, findAsset } from './asset-tree';

const assets = [
  asset('e', 'enterprise', null),
  asset('s1', 'site', 'e', { timeZone: 'Europe/Berlin' }),
  asset('s2', 'site', 'e'),
  asset('a1', 'area', 's1', { siteId: 's1' }),
  asset('l1', 'line', 'a1', { siteId: 's1' }),
  asset('m1', 'machine', 'l1', { siteId: 's1' }),
  asset('m2', 'machine', 'l1', { siteId: 's1' }),
];

describe('buildAssetTree', () => {
  it('dissolves the enterprise into its sites and nests the rest', () => {
    const groups = buildAssetTree(assets);
    expect(groups.map((g) => g.asset.id)).toEqual(['s1', 's2']);
    const line = groups[0]?.children[0]?.children[0];
    expect(line?.asset.id).toBe('l1');
    expect(line?.children.map((c) => c.asset.id)).toEqual(['m1', 'm2']);
  });

  it('makes an asset whose parent is not visible a group of its own', () => {
    const groups = buildAssetTree([asset('a9', 'area', 'hidden-site'), asset('m9', 'machine', 'a9')]);
    expect(groups.map((g) => g.asset.id)).toEqual(['a9']);
  });
});

describe('findAsset', () => {
  it('finds the ancestors from the top (without the enterprise), the site and the children', () => {
    const place = findAsset(assets, 'm2');
    expect(place?.ancestors.map((a) => a.id)).toEqual(['s1', 'a1', 'l1']);
    expect(place?.site?.timeZone).toBe('Europe/Berlin');
    expect(findAsset(assets, 'l1')?.children.map((c) => c.id)).toEqual(['m1', 'm2']);
  });

  it('counts the machines anywhere below, and a site is its own site', () => {
    const site = findAsset(assets, 's1');
    expect(site?.machineCount).toBe(2);
    expect(site?.site?.id).toBe('s1');
    expect(findAsset(assets, 's2')?.machineCount).toBe(0);
  });

  it('finds nothing for a missing id', () => {
    expect(findAsset(assets, 'nope')).toBeNull();
  });
});
