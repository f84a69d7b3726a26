import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface TenantFixture {
  tenantId: string;
  siteId: string;
  lineId: string;
  machineId: string;
  gatewayId: string;
  thingName: string;
  machineKey: string;
  productId: string;
}

export interface TenantFixtureOptions {
  slug?: string;
  timeZone?: string;
  idealCycleTimeMs?: number;
  // Shift covering the whole day, so every hour is planned operation time unless a test says otherwise.
  shift?: { start: string; end: string } | null;
}

// The smallest useful tenant: one site, one line, one machine fed by one active gateway, a product
// and a calendar. Written as the owner, as provisioning and the admin API would leave it.
export async function createTenantFixture(
  ownerUrl: string,
  options: TenantFixtureOptions = {},
): Promise<TenantFixture> {
  const ids = {
    tenantId: randomUUID(),
    siteId: randomUUID(),
    lineId: randomUUID(),
    machineId: randomUUID(),
    gatewayId: randomUUID(),
    productId: randomUUID(),
  };
  const slug = options.slug ?? `t-${ids.tenantId.slice(0, 8)}`;
  const thingName = `gw-${ids.gatewayId.slice(0, 8)}`;
  const machineKey = 'press-01';
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3)`, [
      ids.tenantId,
      slug,
      `Tenant ${slug}`,
    ]);
    await client.query(
      `INSERT INTO products (id, tenant_id, code, name, ideal_cycle_time_ms) VALUES ($1, $2, 'P-1', 'Bracket', $3)`,
      [ids.productId, ids.tenantId, options.idealCycleTimeMs ?? 1500],
    );
    await client.query(
      `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
       VALUES ($1, $2, 'site', 'Plant', ARRAY[$1]::uuid[], 0, $1, $3)`,
      [ids.siteId, ids.tenantId, options.timeZone ?? 'UTC'],
    );
    await client.query(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id)
       VALUES ($1, $2, $3, 'line', 'Line 1', ARRAY[$3, $1]::uuid[], 1, $3)`,
      [ids.lineId, ids.tenantId, ids.siteId],
    );
    await client.query(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id, current_product_id)
       VALUES ($1, $2, $3, 'machine', 'Press 1', ARRAY[$4, $3, $1]::uuid[], 2, $4, $5)`,
      [ids.machineId, ids.tenantId, ids.lineId, ids.siteId, ids.productId],
    );
    await client.query(
      `INSERT INTO gateways (id, tenant_id, site_id, thing_name, name, status) VALUES ($1, $2, $3, $4, 'Gateway 1', 'active')`,
      [ids.gatewayId, ids.tenantId, ids.siteId, thingName],
    );
    await client.query(
      `INSERT INTO gateway_machines (tenant_id, gateway_id, machine_id, source_key) VALUES ($1, $2, $3, $4)`,
      [ids.tenantId, ids.gatewayId, ids.machineId, machineKey],
    );
    const shift = options.shift === undefined ? { start: '00:00', end: '00:00' } : options.shift;
    if (shift) {
      const calendarId = randomUUID();
      await client.query(
        `INSERT INTO shift_calendars (id, tenant_id, asset_id, name, valid_from) VALUES ($1, $2, $3, 'Calendar', '2000-01-01')`,
        [calendarId, ids.tenantId, ids.siteId],
      );
      await client.query(
        `INSERT INTO shift_definitions (id, tenant_id, calendar_id, name, start_time, end_time, days_of_week, crews)
         VALUES ($1, $2, $3, 'Day', $4, $5, '{1,2,3,4,5,6,7}', '{}')`,
        [randomUUID(), ids.tenantId, calendarId, shift.start, shift.end],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
  return { ...ids, thingName, machineKey };
}
