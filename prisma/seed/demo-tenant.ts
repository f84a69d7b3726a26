// The demo tenant: two sites in different time zones, three lines, twelve machines fed by three
// active gateways, products, shift calendars, downtime reasons and one login per role. Written
// with plain SQL through node-postgres (not the generated Prisma client) in one transaction, as
// the database owner. Idempotent: when the tenant exists nothing is written and the same
// DemoSeed is read back.
import { randomUUID } from 'node:crypto';
import { hash, type Algorithm } from '@node-rs/argon2';
import { Client } from 'pg';
import {
  DEMO_PASSWORD,
  DEMO_ROLES,
  DEMO_TENANT_NAME,
  DEMO_TENANT_SLUG,
  DOWNTIME_REASONS,
  ENTERPRISE,
  PRODUCTS,
  SITES,
  USERS,
  type CalendarSpec,
  type DemoRole,
} from './demo-data';

export type { DemoRole } from './demo-data';
export { DEMO_PASSWORD, DEMO_TENANT_SLUG } from './demo-data';

export interface DemoSeed {
  tenantId: string;
  tenantSlug: string;
  // sites: 'all', or the ids of the only sites the user may see.
  users: Array<{ email: string; password: string; role: DemoRole; sites: 'all' | string[] }>;
  sites: Array<{ id: string; name: string; timeZone: string }>;
  machines: Array<{ id: string; name: string; lineName: string; siteName: string }>;
  gateways: Array<{
    id: string;
    thingName: string;
    siteId: string;
    machines: Array<{ machineId: string; sourceKey: string }>;
  }>;
}

export interface SeedDemoTenantOptions {
  // The demo password of each role (default DEMO_PASSWORD for all). Only used when the tenant is
  // created; an existing tenant keeps the passwords it was seeded with.
  passwordFor?: (role: DemoRole) => string;
}

type Db = Pick<Client, 'query'>;

// The library declares Algorithm as a const enum, which isolated modules cannot read; 2 is
// Argon2id. Same parameters as the sign-in's hasher (tenancy data-access-auth).
const ARGON2ID = 2 as Algorithm;
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

interface AssetNode {
  id: string;
  ancestors: string[];
  siteId: string | null;
}

type AssetKind = 'enterprise' | 'site' | 'area' | 'line' | 'machine';

export async function seedDemoTenant(
  ownerDatabaseUrl: string,
  options: SeedDemoTenantOptions = {},
): Promise<DemoSeed> {
  const passwordFor = options.passwordFor ?? ((): string => DEMO_PASSWORD);
  const client = new Client({ connectionString: ownerDatabaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    try {
      await assertBypassesRowLevelSecurity(client);
      // Two seeds started together must not both find the tenant missing.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('convergent.seed.demo-tenant'))`);
      const existing = await client.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [
        DEMO_TENANT_SLUG,
      ]);
      const tenantId = existing.rows[0]?.id ?? (await writeDemoTenant(client, passwordFor));
      const seed = await readDemoSeed(client, tenantId, passwordFor);
      await client.query('COMMIT');
      return seed;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.end();
  }
}

// FORCE ROW LEVEL SECURITY binds table owners too; only superusers and BYPASSRLS roles may write
// and read across tenants as the seed must (the tenant lookup by slug, global users).
async function assertBypassesRowLevelSecurity(db: Db): Promise<void> {
  const { rows } = await db.query<{ exempt: boolean; name: string }>(
    `SELECT (rolsuper OR rolbypassrls) AS exempt, rolname::text AS name FROM pg_roles WHERE rolname = current_user`,
  );
  const role = rows[0];
  if (!role?.exempt) {
    throw new Error(
      `seedDemoTenant must connect as the database owner with superuser or BYPASSRLS (connected as ${role?.name ?? 'unknown'})`,
    );
  }
}

async function writeDemoTenant(db: Db, passwordFor: (role: DemoRole) => string): Promise<string> {
  const tenantId = randomUUID();
  await db.query('INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3)', [
    tenantId,
    DEMO_TENANT_SLUG,
    DEMO_TENANT_NAME,
  ]);

  const productIds = new Map<string, string>();
  for (const product of PRODUCTS) {
    const id = randomUUID();
    productIds.set(product.code, id);
    await db.query(
      'INSERT INTO products (id, tenant_id, code, name, ideal_cycle_time_ms) VALUES ($1, $2, $3, $4, $5)',
      [id, tenantId, product.code, product.name, product.idealCycleTimeMs],
    );
  }

  const reasonIds = new Map<string, string>();
  for (const reason of DOWNTIME_REASONS) {
    const id = randomUUID();
    reasonIds.set(reason.code, id);
    await db.query(
      'INSERT INTO downtime_reasons (id, tenant_id, code, name, loss_class) VALUES ($1, $2, $3, $4, $5::loss_class)',
      [id, tenantId, reason.code, reason.name, reason.lossClass],
    );
  }

  const insertAsset = async (
    parent: AssetNode | null,
    kind: AssetKind,
    name: string,
    code: string,
    extra: { timeZone?: string; currentProductId?: string } = {},
  ): Promise<AssetNode> => {
    const id = randomUUID();
    const ancestors = [...(parent?.ancestors ?? []), id];
    const siteId = kind === 'site' ? id : (parent?.siteId ?? null);
    await db.query(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, code, ancestors, depth, site_id, time_zone, current_product_id)
       VALUES ($1, $2, $3, $4::asset_kind, $5, $6, $7::uuid[], $8, $9, $10, $11)`,
      [
        id,
        tenantId,
        parent?.id ?? null,
        kind,
        name,
        code,
        ancestors,
        ancestors.length - 1,
        siteId,
        extra.timeZone ?? null,
        extra.currentProductId ?? null,
      ],
    );
    return { id, ancestors, siteId };
  };

  const enterprise = await insertAsset(null, 'enterprise', ENTERPRISE.name, ENTERPRISE.code);
  const siteIds = new Map<string, string>();
  for (const siteSpec of SITES) {
    const site = await insertAsset(enterprise, 'site', siteSpec.name, siteSpec.code, {
      timeZone: siteSpec.timeZone,
    });
    siteIds.set(siteSpec.code, site.id);
    await writeCalendar(db, tenantId, site.id, siteSpec.calendar, reasonIds);
    for (const areaSpec of siteSpec.areas) {
      const area = await insertAsset(site, 'area', areaSpec.name, areaSpec.code);
      for (const lineSpec of areaSpec.lines) {
        const line = await insertAsset(area, 'line', lineSpec.name, lineSpec.code);
        const gatewayId = randomUUID();
        await db.query(
          `INSERT INTO gateways (id, tenant_id, site_id, thing_name, name, status)
           VALUES ($1, $2, $3, $4, $5, 'active')`,
          [gatewayId, tenantId, site.id, lineSpec.gateway.thingName, lineSpec.gateway.name],
        );
        for (const machineSpec of lineSpec.machines) {
          const machine = await insertAsset(line, 'machine', machineSpec.name, machineSpec.code, {
            currentProductId: required(productIds, lineSpec.productCode, 'product'),
          });
          await db.query(
            `INSERT INTO gateway_machines (tenant_id, gateway_id, machine_id, source_key, tag_mapping)
             VALUES ($1, $2, $3, $4, '{}'::jsonb)`,
            [tenantId, gatewayId, machine.id, machineSpec.sourceKey],
          );
        }
      }
    }
  }

  for (const user of USERS) {
    const passwordHash = await hash(passwordFor(user.role), HASH_OPTIONS);
    // Users are global: a demo login left behind by an earlier, deleted demo tenant is reused.
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash,
         failed_login_count = 0, locked_until = NULL, disabled_at = NULL
       RETURNING id`,
      [randomUUID(), user.email.toLowerCase(), user.displayName, passwordHash],
    );
    const userId = rows[0]?.id;
    if (!userId) throw new Error(`could not write user ${user.email}`);
    const membershipId = randomUUID();
    await db.query(
      `INSERT INTO memberships (id, tenant_id, user_id, role, all_sites) VALUES ($1, $2, $3, $4::role, $5)`,
      [membershipId, tenantId, userId, user.role, user.sites === 'all'],
    );
    if (user.sites !== 'all') {
      for (const siteCode of user.sites) {
        await db.query(
          'INSERT INTO membership_sites (tenant_id, membership_id, site_id) VALUES ($1, $2, $3)',
          [tenantId, membershipId, required(siteIds, siteCode, 'site')],
        );
      }
    }
  }
  return tenantId;
}

async function writeCalendar(
  db: Db,
  tenantId: string,
  siteId: string,
  calendar: CalendarSpec,
  reasonIds: ReadonlyMap<string, string>,
): Promise<void> {
  const calendarId = randomUUID();
  await db.query(
    'INSERT INTO shift_calendars (id, tenant_id, asset_id, name, valid_from) VALUES ($1, $2, $3, $4, $5::timestamptz)',
    [calendarId, tenantId, siteId, calendar.name, calendar.validFrom],
  );
  for (const shift of calendar.shifts) {
    await db.query(
      `INSERT INTO shift_definitions (id, tenant_id, calendar_id, name, start_time, end_time, days_of_week, crews, rotation_offset)
       VALUES ($1, $2, $3, $4, $5, $6, $7::int[], $8::text[], $9)`,
      [
        randomUUID(),
        tenantId,
        calendarId,
        shift.name,
        shift.start,
        shift.end,
        shift.days,
        shift.crews,
        shift.rotationOffset,
      ],
    );
  }
  for (const stop of calendar.plannedStops) {
    await db.query(
      `INSERT INTO planned_stops (id, tenant_id, calendar_id, name, start_time, end_time, days_of_week, reason_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::int[], $8)`,
      [
        randomUUID(),
        tenantId,
        calendarId,
        stop.name,
        stop.start,
        stop.end,
        stop.days,
        required(reasonIds, stop.reasonCode, 'reason'),
      ],
    );
  }
  for (const holiday of calendar.holidays) {
    await db.query(
      'INSERT INTO holidays (id, tenant_id, calendar_id, date, name) VALUES ($1, $2, $3, $4::date, $5)',
      [randomUUID(), tenantId, calendarId, holiday.date, holiday.name],
    );
  }
}

function required(map: ReadonlyMap<string, string>, key: string, what: string): string {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data refers to unknown ${what} ${key}`);
  return value;
}

function isDemoRole(value: string): value is DemoRole {
  return (DEMO_ROLES as readonly string[]).includes(value);
}

// The DemoSeed as the database holds it; used both right after writing and when the tenant exists,
// so both paths return the same shape in the same order.
async function readDemoSeed(
  db: Db,
  tenantId: string,
  passwordFor: (role: DemoRole) => string,
): Promise<DemoSeed> {
  const users = await db.query<{ email: string; role: string; all_sites: boolean; site_ids: string[] }>(
    `SELECT u.email, m.role::text AS role, m.all_sites,
            COALESCE(array_agg(ms.site_id::text ORDER BY s.name) FILTER (WHERE ms.site_id IS NOT NULL), '{}')::text[] AS site_ids
     FROM memberships m
     JOIN users u ON u.id = m.user_id
     LEFT JOIN membership_sites ms ON ms.membership_id = m.id
     LEFT JOIN assets s ON s.id = ms.site_id
     WHERE m.tenant_id = $1
     GROUP BY u.email, m.role, m.all_sites
     ORDER BY array_position($2::text[], m.role::text), u.email`,
    [tenantId, DEMO_ROLES],
  );
  const sites = await db.query<{ id: string; name: string; time_zone: string }>(
    `SELECT id::text, name, time_zone FROM assets
     WHERE tenant_id = $1 AND kind = 'site' AND archived_at IS NULL ORDER BY name`,
    [tenantId],
  );
  const machines = await db.query<{
    id: string;
    name: string;
    line_name: string | null;
    site_name: string | null;
  }>(
    `SELECT m.id::text, m.name,
            (SELECT l.name FROM assets l WHERE l.id = ANY (m.ancestors) AND l.kind = 'line' ORDER BY l.depth DESC LIMIT 1) AS line_name,
            s.name AS site_name
     FROM assets m LEFT JOIN assets s ON s.id = m.site_id
     WHERE m.tenant_id = $1 AND m.kind = 'machine' AND m.archived_at IS NULL
     ORDER BY s.name, line_name, m.name`,
    [tenantId],
  );
  const gatewayRows = await db.query<{
    id: string;
    thing_name: string;
    site_id: string;
    machine_id: string | null;
    source_key: string | null;
  }>(
    `SELECT g.id::text, g.thing_name, g.site_id::text, gm.machine_id::text, gm.source_key
     FROM gateways g LEFT JOIN gateway_machines gm ON gm.gateway_id = g.id
     WHERE g.tenant_id = $1
     ORDER BY g.thing_name, gm.source_key`,
    [tenantId],
  );

  const gateways = new Map<string, DemoSeed['gateways'][number]>();
  for (const row of gatewayRows.rows) {
    let gateway = gateways.get(row.id);
    if (!gateway) {
      gateway = { id: row.id, thingName: row.thing_name, siteId: row.site_id, machines: [] };
      gateways.set(row.id, gateway);
    }
    if (row.machine_id !== null && row.source_key !== null) {
      gateway.machines.push({ machineId: row.machine_id, sourceKey: row.source_key });
    }
  }

  return {
    tenantId,
    tenantSlug: DEMO_TENANT_SLUG,
    users: users.rows.map((row) => {
      if (!isDemoRole(row.role)) throw new Error(`unexpected role ${row.role} for ${row.email}`);
      return {
        email: row.email,
        password: passwordFor(row.role),
        role: row.role,
        sites: row.all_sites ? 'all' : row.site_ids,
      };
    }),
    sites: sites.rows.map((row) => ({ id: row.id, name: row.name, timeZone: row.time_zone })),
    machines: machines.rows.map((row) => ({
      id: row.id,
      name: row.name,
      lineName: row.line_name ?? '',
      siteName: row.site_name ?? '',
    })),
    gateways: [...gateways.values()],
  };
}
