import { configDifference } from './config-difference';

const press = (key: string, cycleTimeMs = 1000) => ({ key, source: { kind: 'simulator', cycleTimeMs } });

describe('configDifference', () => {
  it('is in sync when the gateway applied the desired version and nothing differs', () => {
    const config = { machines: [press('a'), press('b')] };
    expect(
      configDifference(
        { version: 3, config },
        { version: 3, status: 'applied', config: structuredClone(config) },
      ),
    ).toEqual({ inSync: true, paths: [] });
  });

  it('names the differing fields, matching machines by key rather than position', () => {
    const desired = { version: 4, config: { machines: [press('c'), press('a', 500), press('b')] } };
    const reported = {
      version: 3,
      status: 'applied' as const,
      config: { machines: [press('a'), press('b')] },
    };
    expect(configDifference(desired, reported)).toEqual({
      inSync: false,
      paths: ['machines.a.source.cycleTimeMs', 'machines.c'],
    });
  });

  it('is not in sync while the gateway runs another version, or rejected the desired one', () => {
    const config = { machines: [press('a')] };
    expect(configDifference({ version: 2, config }, { version: 1, status: 'applied', config })).toEqual({
      inSync: false,
      paths: [],
    });
    expect(configDifference({ version: 2, config }, { version: 2, status: 'rejected', config })).toEqual({
      inSync: false,
      paths: [],
    });
  });

  it('shows everything as different before the gateway reported, and nothing when nothing is desired', () => {
    expect(configDifference({ version: 1, config: { machines: [press('a')] } }, null)).toEqual({
      inSync: false,
      paths: ['(whole configuration)'],
    });
    expect(configDifference(null, { version: 0, status: 'applied', config: { machines: [] } })).toEqual({
      inSync: true,
      paths: [],
    });
  });

  it('compares plain lists by position', () => {
    expect(
      configDifference(
        { version: 1, config: { tags: ['x', 'y'] } },
        { version: 1, status: 'applied', config: { tags: ['x', 'z', 'w'] } },
      ).paths,
    ).toEqual(['tags.1', 'tags.2']);
  });
});
