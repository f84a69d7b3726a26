import { GatewayDirectory } from './gateway-directory';
import type { GatewayRoute } from './gateway-route.repository';

const route: GatewayRoute = {
  tenantId: 't',
  gatewayId: 'g',
  siteId: 's-1',
  status: 'active',
  machines: new Map([['m', 'id']]),
};

describe('GatewayDirectory', () => {
  it('asks the database once per gateway within the TTL, even for concurrent messages', async () => {
    const findByThingName = jest.fn().mockResolvedValue(route);
    const directory = new GatewayDirectory({ findByThingName }, 1000, () => 0);
    await Promise.all([directory.resolve('gw'), directory.resolve('gw'), directory.resolve('gw')]);
    expect(findByThingName).toHaveBeenCalledTimes(1);
  });

  it('looks again after the TTL so decommissioning takes effect', async () => {
    let now = 0;
    const findByThingName = jest
      .fn()
      .mockResolvedValueOnce(route)
      .mockResolvedValueOnce({ ...route, status: 'decommissioned' });
    const directory = new GatewayDirectory({ findByThingName }, 1000, () => now);
    expect((await directory.resolve('gw'))?.status).toBe('active');
    now = 1001;
    expect((await directory.resolve('gw'))?.status).toBe('decommissioned');
  });

  it('remembers unknown gateways too, so a rogue sender cannot hammer the database', async () => {
    const findByThingName = jest.fn().mockResolvedValue(null);
    const directory = new GatewayDirectory({ findByThingName }, 1000, () => 0);
    expect(await directory.resolve('rogue')).toBeNull();
    expect(await directory.resolve('rogue')).toBeNull();
    expect(findByThingName).toHaveBeenCalledTimes(1);
  });
});
