import { verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@convergent/platform-data-access-testing';
import { shiftWindows, type ShiftCalendar } from '@convergent/shared-util-kpi';
import { Client } from 'pg';
import { DEMO_PASSWORD, seedDemoTenant, type DemoSeed } from './demo-tenant';

const TENANT_TABLES = [
  'memberships',
  'membership_sites',
  'assets',
  'products',
  'shift_calendars',
  'shift_definitions',
  'planned_stops',
  'holidays',
  'downtime_reasons',
  'gateways',
  'gateway_machines',
] as const;

interface AssetRow {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  ancestors: string[];
  depth: number;
  site_id: string | null;
  time_zone: string | null;
  current_product_id: string | null;
}

describe('seedDemoTenant', () => {
  let db: TestDatabase;
  let owner: Client;
  let seed: DemoSeed;

  beforeAll(async () => {
    db = await createTestDatabase();
    seed = await seedDemoTenant(db.ownerUrl);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  async function assets(): Promise<AssetRow[]> {
    const { rows } = await owner.query<AssetRow>(
      `SELECT id::text, parent_id::text, kind::text, name, ancestors::text[] AS ancestors, depth, site_id::text,
              time_zone, current_product_id::text
       FROM assets WHERE tenant_id = $1`,
      [seed.tenantId],
    );
    return rows;
  }

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of TENANT_TABLES) {
      const { rows } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`,
        [seed.tenantId],
      );
      result[table] = rows[0]?.n ?? -1;
    }
    const users = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    const tenants = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants');
    result['users'] = users.rows[0]?.n ?? -1;
    result['tenants'] = tenants.rows[0]?.n ?? -1;
    return result;
  }

  it('creates the tenant "demo"', async () => {
    const { rows } = await owner.query<{ id: string; name: string; status: string }>(
      `SELECT id::text, name, status::text FROM tenants WHERE slug = 'demo'`,
    );
    expect(rows).toEqual([{ id: seed.tenantId, name: 'Demo Manufacturing', status: 'active' }]);
    expect(seed.tenantSlug).toBe('demo');
  });

  it('has two sites in their own time zones under one enterprise', async () => {
    expect(seed.sites.map(({ name, timeZone }) => ({ name, timeZone }))).toEqual([
      { name: 'Ohio Plant', timeZone: 'America/New_York' },
      { name: 'Stuttgart Plant', timeZone: 'Europe/Berlin' },
    ]);
    const rows = await assets();
    const roots = rows.filter((a) => a.parent_id === null);
    expect(roots).toEqual([
      expect.objectContaining({ kind: 'enterprise', name: 'Demo Manufacturing', depth: 0 }),
    ]);
    const sites = rows.filter((a) => a.kind === 'site');
    expect(sites.map((s) => s.id).sort()).toEqual(seed.sites.map((s) => s.id).sort());
    expect(sites.every((s) => s.parent_id === roots[0]?.id)).toBe(true);
  });

  it('has 3 lines and 12 machines, 4 per line', async () => {
    const rows = await assets();
    expect(rows.filter((a) => a.kind === 'line')).toHaveLength(3);
    const machines = rows.filter((a) => a.kind === 'machine');
    expect(machines).toHaveLength(12);
    expect(seed.machines.map((m) => m.id).sort()).toEqual(machines.map((m) => m.id).sort());
    const perLine = new Map<string, number>();
    for (const m of seed.machines)
      perLine.set(`${m.siteName}/${m.lineName}`, (perLine.get(`${m.siteName}/${m.lineName}`) ?? 0) + 1);
    expect(Object.fromEntries(perLine)).toEqual({
      'Ohio Plant/Assembly Line A': 4,
      'Stuttgart Plant/Press Line 1': 4,
      'Stuttgart Plant/Press Line 2': 4,
    });
  });

  it('keeps the asset tree invariants: ancestors, depth, site and time zone', async () => {
    const rows = await assets();
    const byId = new Map(rows.map((a) => [a.id, a]));
    for (const asset of rows) {
      expect(asset.ancestors.at(-1)).toBe(asset.id);
      expect(asset.depth).toBe(asset.ancestors.length - 1);
      const parent = asset.parent_id === null ? undefined : byId.get(asset.parent_id);
      if (asset.parent_id === null) {
        expect(asset.ancestors).toEqual([asset.id]);
      } else {
        expect(parent).toBeDefined();
        expect(asset.ancestors).toEqual([...(parent?.ancestors ?? []), asset.id]);
      }
      const nearestSite = [...asset.ancestors].reverse().find((id) => byId.get(id)?.kind === 'site') ?? null;
      expect(asset.site_id).toBe(nearestSite);
      if (asset.kind === 'site') expect(asset.time_zone).not.toBeNull();
      else expect(asset.time_zone).toBeNull();
      if (asset.kind === 'enterprise') expect(asset.site_id).toBeNull();
    }
  });

  it('gives every machine a product with an ideal cycle time', async () => {
    const { rows } = await owner.query<{ name: string; ideal_cycle_time_ms: number | null }>(
      `SELECT m.name, p.ideal_cycle_time_ms FROM assets m LEFT JOIN products p ON p.id = m.current_product_id
       WHERE m.tenant_id = $1 AND m.kind = 'machine'`,
      [seed.tenantId],
    );
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      expect(row.ideal_cycle_time_ms).toBeGreaterThan(0);
    }
  });

  it('maps every machine to exactly one active gateway of its own site', async () => {
    expect(seed.gateways.map((g) => g.thingName).sort()).toEqual([
      'demo-ohio-ala',
      'demo-stuttgart-pl1',
      'demo-stuttgart-pl2',
    ]);
    const mapped = seed.gateways.flatMap((g) => g.machines.map((m) => m.machineId));
    expect(mapped.sort()).toEqual(seed.machines.map((m) => m.id).sort());
    for (const gateway of seed.gateways) {
      const keys = gateway.machines.map((m) => m.sourceKey);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const { rows } = await owner.query<{
      machine_id: string;
      gateways: number;
      same_site: boolean;
      active: boolean;
    }>(
      `SELECT m.id::text AS machine_id, count(gm.gateway_id)::int AS gateways,
              bool_and(g.site_id = m.site_id) AS same_site, bool_and(g.status = 'active') AS active
       FROM assets m LEFT JOIN gateway_machines gm ON gm.machine_id = m.id LEFT JOIN gateways g ON g.id = gm.gateway_id
       WHERE m.tenant_id = $1 AND m.kind = 'machine' GROUP BY m.id`,
      [seed.tenantId],
    );
    expect(rows).toHaveLength(12);
    for (const row of rows)
      expect(row).toEqual({ machine_id: row.machine_id, gateways: 1, same_site: true, active: true });
    // Ingest resolves a gateway's messages through this function: the seed must satisfy it.
    const routes = await owner.query<{ source_key: string; machine_id: string }>(
      `SELECT source_key, machine_id::text FROM ingest_gateway_routes('demo-stuttgart-pl1') ORDER BY source_key`,
    );
    expect(routes.rows.map((r) => r.source_key)).toEqual(['press-1', 'press-2', 'press-3', 'robot-cell-1']);
  });

  it('has a login per role whose demo password verifies', async () => {
    for (const role of ['admin', 'operator', 'technician', 'viewer'] as const) {
      const user = seed.users.find((u) => u.role === role);
      expect(user).toBeDefined();
      if (!user) continue;
      expect(user.password).toBe(DEMO_PASSWORD);
      expect(user.email).toBe(user.email.toLowerCase());
      const { rows } = await owner.query<{ password_hash: string | null }>(
        'SELECT password_hash FROM auth_user_by_email($1)',
        [user.email],
      );
      const passwordHash = rows[0]?.password_hash ?? '';
      expect(passwordHash.startsWith('$argon2id$')).toBe(true);
      await expect(verify(passwordHash, user.password)).resolves.toBe(true);
      await expect(verify(passwordHash, 'wrong-password')).resolves.toBe(false);
    }
    expect(seed.users.map((u) => u.email)).toEqual([
      'admin@demo.convergent.local',
      'operator@demo.convergent.local',
      'stuttgart.operator@demo.convergent.local',
      'technician@demo.convergent.local',
      'viewer@demo.convergent.local',
    ]);
  });

  it('lets the Stuttgart operator see the Stuttgart site only', async () => {
    const stuttgart = seed.sites.find((s) => s.name === 'Stuttgart Plant');
    const restricted = seed.users.find((u) => u.email === 'stuttgart.operator@demo.convergent.local');
    expect(restricted).toMatchObject({ role: 'operator', sites: [stuttgart?.id] });
    const { rows } = await owner.query<{ all_sites: boolean; site_ids: string[] }>(
      `SELECT m.all_sites, array_agg(ms.site_id::text) FILTER (WHERE ms.site_id IS NOT NULL)::text[] AS site_ids
       FROM memberships m JOIN users u ON u.id = m.user_id LEFT JOIN membership_sites ms ON ms.membership_id = m.id
       WHERE m.tenant_id = $1 AND u.email = 'stuttgart.operator@demo.convergent.local' GROUP BY m.all_sites`,
      [seed.tenantId],
    );
    expect(rows).toEqual([{ all_sites: false, site_ids: [stuttgart?.id] }]);
    for (const user of seed.users.filter((u) => u !== restricted)) expect(user.sites).toBe('all');
  });

  it('covers every loss class with downtime reason codes', async () => {
    const { rows } = await owner.query<{ loss_class: string }>(
      `SELECT DISTINCT loss_class::text FROM downtime_reasons WHERE tenant_id = $1 ORDER BY 1`,
      [seed.tenantId],
    );
    expect(rows.map((r) => r.loss_class)).toEqual([
      'breakdown',
      'minor_stop',
      'planned',
      'production_reject',
      'reduced_speed',
      'setup',
      'startup_reject',
    ]);
  });

  it('plans 3 shifts in Stuttgart and 2 in Ohio, each with a 30-minute break', async () => {
    for (const [siteName, shiftsPerWeek, shiftNames] of [
      ['Stuttgart Plant', 15, ['Early', 'Late', 'Night']],
      ['Ohio Plant', 12, ['Day', 'Swing']],
    ] as const) {
      const site = seed.sites.find((s) => s.name === siteName);
      const { rows: defs } = await owner.query<{
        name: string;
        start_time: string;
        end_time: string;
        days_of_week: number[];
      }>(
        `SELECT d.name, d.start_time, d.end_time, d.days_of_week FROM shift_definitions d
         JOIN shift_calendars c ON c.id = d.calendar_id WHERE c.asset_id = $1 ORDER BY d.start_time`,
        [site?.id],
      );
      const { rows: stops } = await owner.query<{
        name: string;
        start_time: string;
        end_time: string;
        days_of_week: number[];
      }>(
        `SELECT p.name, p.start_time, p.end_time, p.days_of_week FROM planned_stops p
         JOIN shift_calendars c ON c.id = p.calendar_id WHERE c.asset_id = $1`,
        [site?.id],
      );
      const { rows: holidays } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM holidays h JOIN shift_calendars c ON c.id = h.calendar_id WHERE c.asset_id = $1`,
        [site?.id],
      );
      expect(defs.map((d) => d.name).sort()).toEqual([...shiftNames].sort());
      expect(holidays[0]?.n).toBeGreaterThanOrEqual(2);
      // The calendar as the KPI engine reads it (machine-hour-inputs.repository.ts), over a week
      // without holidays: every shift occurrence gets exactly its 30-minute break.
      const calendar: ShiftCalendar = {
        shifts: defs.map((d) => ({
          name: d.name,
          start: d.start_time,
          end: d.end_time,
          days: d.days_of_week,
        })),
        plannedStops: stops.map((p) => ({
          start: p.start_time,
          end: p.end_time,
          days: p.days_of_week,
          reason: p.name,
        })),
        holidays: [],
      };
      const week = { start: new Date('2026-03-01T12:00:00Z'), end: new Date('2026-03-08T12:00:00Z') };
      const schedule = shiftWindows(calendar, week, site?.timeZone ?? 'UTC');
      const whole = schedule.shifts.filter((s) => s.start >= week.start && s.end <= week.end);
      expect(whole).toHaveLength(shiftsPerWeek);
      for (const shift of whole) {
        const breakMs = schedule.plannedStops
          .filter((p) => p.shiftName === shift.shiftName && p.shiftDate === shift.shiftDate)
          .reduce((sum, p) => sum + (p.end.getTime() - p.start.getTime()), 0);
        expect({ shift: `${shift.shiftDate} ${shift.shiftName}`, breakMs }).toEqual({
          shift: `${shift.shiftDate} ${shift.shiftName}`,
          breakMs: 30 * 60_000,
        });
      }
    }
  });

  it('is visible to the application role inside the tenant only', async () => {
    const app = new Client({ connectionString: db.appUrl });
    await app.connect();
    try {
      const outside = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM assets`);
      expect(outside.rows[0]?.n).toBe(0);
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [seed.tenantId]);
      const inside = await app.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assets WHERE kind = 'machine'`,
      );
      expect(inside.rows[0]?.n).toBe(12);
      await app.query('COMMIT');
    } finally {
      await app.end();
    }
  });

  it('changes nothing when run again and returns the same seed', async () => {
    const before = await counts();
    const again = await seedDemoTenant(db.ownerUrl);
    expect(again).toEqual(seed);
    expect(await counts()).toEqual(before);
    expect(before['tenants']).toBe(1);
    expect(before['users']).toBe(5);
  });

  it('refuses a role bound by row-level security instead of half-seeding', async () => {
    await expect(seedDemoTenant(db.appUrl)).rejects.toThrow(/superuser or BYPASSRLS/);
  });
});
