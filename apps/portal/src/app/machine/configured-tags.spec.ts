import { configuredMachine } from './configured-tags';

const config = JSON.stringify({
  machines: [
    'sim-1',
    {
      key: 'press-1',
      source: {
        kind: 'modbus',
        host: '10.0.0.5',
        port: 502,
        tags: [
          { name: 'spindle.speed', area: 'holding', address: 100, type: 'float32', sampleMs: 1000 },
          { name: 'parts', area: 'input', address: 7, sampleMs: 500 },
        ],
      },
      state: { runningTag: 'spindle.speed', runningAbove: 10 },
      counters: [{ counter: 'produced', tag: 'parts' }],
    },
    {
      key: 'oven-2',
      source: {
        kind: 'opcua',
        endpointUrl: 'opc.tcp://10.0.0.9:4840',
        tags: [{ name: 'temp', nodeId: 'ns=1;s=Oven.Temp' }],
      },
    },
  ],
});

describe('configuredMachine', () => {
  it("lists a Modbus machine's tags with their registers, rates, and which drive state and counts", () => {
    expect(configuredMachine(config, 'press-1')).toEqual({
      connector: 'modbus',
      endpoint: '10.0.0.5:502',
      tags: [
        { name: 'spindle.speed', address: 'holding 100 (float32)', sampleMs: 1000 },
        { name: 'parts', address: 'input 7', sampleMs: 500 },
      ],
      roles: [
        { tag: 'spindle.speed', role: 'running state' },
        { tag: 'parts', role: 'produced count' },
      ],
    });
  });

  it("lists an OPC UA machine's node ids; a plain key is a simulated machine", () => {
    expect(configuredMachine(config, 'oven-2')).toMatchObject({
      connector: 'opcua',
      endpoint: 'opc.tcp://10.0.0.9:4840',
      tags: [{ name: 'temp', address: 'ns=1;s=Oven.Temp', sampleMs: null }],
    });
    expect(configuredMachine(config, 'sim-1')).toEqual({
      connector: 'simulator',
      endpoint: null,
      tags: [],
      roles: [],
    });
  });

  it('is nothing without a configuration, for broken JSON, or when the machine is not in it', () => {
    expect(configuredMachine(null, 'press-1')).toBeNull();
    expect(configuredMachine('{"machines":', 'press-1')).toBeNull();
    expect(configuredMachine(config, 'lathe-9')).toBeNull();
  });
});
