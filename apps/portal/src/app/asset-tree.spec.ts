import { buildAssetTree, findMachine } from './asset-tree';
import { asset } from './spec-helpers';

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

describe('findMachine', () => {
  it('finds the ancestors from the top and the site', () => {
    const place = findMachine(assets, 'm2');
    expect(place?.ancestors.map((a) => a.id)).toEqual(['s1', 'a1', 'l1']);
    expect(place?.site?.timeZone).toBe('Europe/Berlin');
  });

  it('finds nothing for a missing id or an asset that is not a machine', () => {
    expect(findMachine(assets, 'nope')).toBeNull();
    expect(findMachine(assets, 'l1')).toBeNull();
  });
});
