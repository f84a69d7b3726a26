import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { seedDemoTenant, type DemoSeed } from '@convergent/database';
import { hashClaimToken } from '@convergent/fleet-data-access-gateways';
import { issueLocalGatewayIdentity, MqttConnection } from '@convergent/platform-data-access-iot';
import { CHROMIUM_ARGS, ensureChromium } from './browser/chromium';
import { buildPortal } from './browser/portal-build';
import { eventually, PlatformHarness } from './platform-harness';

const root = resolve(__dirname, '../../..');
// Git-ignored; one picture of each main page per run, for people to look at.
const screenshotDir = join(root, 'tmp/portal-screenshots');

interface KpiBucket {
  bucketStart: string;
  bucketEnd: string;
  shiftName: string | null;
  availability: number | null;
  effectiveness: number | null;
  quality: number | null;
  oee: number | null;
  idealGoodMs: number;
  plannedBusyTimeMs: number;
  runTimeMs: number;
  producedQuantity: number;
  final: boolean;
}

interface KpiAnswer {
  variables: { assetId: string; from: string; to: string; granularity: string };
  buckets: KpiBucket[];
}

const KPIS = `query ($assetId: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity! = HOUR) {
  assetKpis: kpis(assetId: $assetId, from: $from, to: $to, granularity: $granularity) {
    bucketStart bucketEnd shiftName availability effectiveness quality oee idealGoodMs plannedBusyTimeMs runTimeMs
    producedQuantity final
  }
}`;

// The test's own oracle for how a ratio must look (en-US, one decimal; null is "not applicable").
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const pct = (value: number | null): string => (value === null ? '—' : percent.format(value));

// The browser runs in another zone than either site: times on the page must be the site's.
const BROWSER_ZONE = 'America/Los_Angeles';

describe('portal in Chromium against the real API and the demo tenant', () => {
  const platform = new PlatformHarness();
  let seed: DemoSeed;
  let browser: Browser;
  let owner: Client;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const executablePath = ensureChromium();
    mkdirSync(screenshotDir, { recursive: true });
    const portalDir = join(platform.stateDir, 'portal');
    buildPortal(root, portalDir);
    await platform.start({ apiEnv: { PORTAL_DIR: portalDir } });
    seed = await seedDemoTenant(platform.db.ownerUrl);
    owner = new Client({ connectionString: platform.db.ownerUrl });
    await owner.connect();
    // One simulated line, so its machines have real figures computed by the worker.
    await platform.startDemoAgent(seed);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await owner?.end();
    await platform.stop();
  });

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: BROWSER_ZONE, viewport });
    contexts.push(context);
    return context.newPage();
  }

  function user(email: string): { email: string; password: string } {
    const found = seed.users.find((u) => u.email === email);
    if (!found) throw new Error(`the demo seed has no user ${email}`);
    return found;
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.getByRole('heading', { name: 'Sign in to Convergent' }).waitFor();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(user(email).password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function apiToken(email: string): Promise<string> {
    const result = await platform.graphql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { accessToken } }`,
      { e: email, p: user(email).password },
    );
    if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.accessToken;
  }

  // Every AssetKpis answer the page received, by asset.
  function recordKpiAnswers(page: Page): KpiAnswer[] {
    const answers: KpiAnswer[] = [];
    page.on('response', (response) => {
      const sent = response.request().postDataJSON() as {
        operationName?: string;
        variables?: unknown;
      } | null;
      if (sent?.operationName !== 'AssetKpis') return;
      void response
        .json()
        .then((body: { data?: { assetKpis: KpiBucket[] } }) => {
          if (body.data)
            answers.push({
              variables: sent.variables as KpiAnswer['variables'],
              buckets: body.data.assetKpis,
            });
        })
        .catch(() => undefined);
    });
    return answers;
  }

  // The table's rows are these buckets figure by figure, each row named as `names` says.
  async function expectRows(table: Locator, buckets: KpiBucket[], names: (b: KpiBucket) => string[]) {
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(buckets.length);
    for (const [i, bucket] of buckets.entries()) {
      const cells = await rows.nth(i).getByRole('cell').allTextContents();
      expect(cells.slice(0, 4)).toEqual([
        pct(bucket.oee),
        pct(bucket.availability),
        pct(bucket.effectiveness),
        pct(bucket.quality),
      ]);
      const header = await rows.nth(i).getByRole('rowheader').textContent();
      for (const name of names(bucket)) expect(header).toContain(name);
    }
  }

  // The page's newest answer for the machine at that granularity. Not simply the newest AssetKpis
  // answer: the machine page's "today" figures ask by hour too, every minute, with the same
  // operation name, so after switching the range to shifts the newest answer may be by hour.
  async function pageAnswer(answers: KpiAnswer[], assetId: string, granularity: string): Promise<KpiAnswer> {
    return eventually(
      `the page's AssetKpis answer by ${granularity} (answers so far: ${answers.map((a) => a.variables.granularity).join(', ')})`,
      () =>
        Promise.resolve(
          answers
            .filter((a) => a.variables.assetId === assetId && a.variables.granularity === granularity)
            .at(-1),
        ),
      10_000,
    );
  }

  const byStart = (buckets: KpiBucket[]) =>
    [...buckets].sort((a, b) => Date.parse(a.bucketStart) - Date.parse(b.bucketStart));

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  }

  it('is served by the API: the page is asked for again each time, hashed assets are cached for good', async () => {
    const index = await fetch(`${platform.apiUrl}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    if (!script) throw new Error(`no script in the served index.html:\n${html}`);
    const asset = await fetch(`${platform.apiUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('signs in and shows every site with its current shift', async () => {
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/`);
    await signIn(page, 'admin@demo.convergent.local');

    await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
    for (const site of seed.sites) {
      const card = page.getByRole('region', { name: site.name });
      // The site's current shift so far, or plainly none: a site abroad may be off shift.
      await card.getByRole('definition').or(card.getByText('No shift running.')).first().waitFor();
      expect(await card.textContent()).toContain(site.timeZone);
    }
    expect(await page.getByRole('banner').textContent()).toContain('Demo Admin (Demo Manufacturing, admin)');
    await screenshot(page, '01-sites');
  });

  it('drills from site to machine and shows the figures the API returns, in the site’s time zone', async () => {
    const machine = seed.machines.find((m) => m.name === 'Press 1' && m.siteName === 'Stuttgart Plant');
    if (!machine) throw new Error('the demo seed has no Press 1 in Stuttgart');
    const token = await apiToken('admin@demo.convergent.local');
    // Wait until the worker has figures with parts for the machine, so there is something to compare.
    const now = new Date();
    await eventually(
      'KPIs with produced parts for Press 1',
      async () => {
        const result = await platform.graphql<{ assetKpis: KpiBucket[] }>(
          KPIS,
          {
            assetId: machine.id,
            from: new Date(now.getTime() - 2 * 3_600_000).toISOString(),
            to: new Date(now.getTime() + 3_600_000).toISOString(),
          },
          token,
        );
        return result.data?.assetKpis.some((b) => b.producedQuantity > 0) ? true : undefined;
      },
      120_000,
    );

    const page = await newPage();
    const answers = recordKpiAnswers(page);
    await page.goto(`${platform.apiUrl}/`);
    await signIn(page, 'admin@demo.convergent.local');
    await page.getByRole('link', { name: 'Stuttgart Plant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stuttgart Plant' }).waitFor();
    await page.getByRole('table', { name: /by hour/ }).waitFor();
    await screenshot(page, '02-site');
    await page.getByRole('link', { name: 'Body Shop' }).click();
    await page.getByRole('heading', { level: 1, name: 'Body Shop' }).waitFor();
    await page.getByRole('link', { name: 'Press Line 1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Press Line 1' }).waitFor();
    await page.getByRole('table', { name: /by hour/ }).waitFor();
    await screenshot(page, '03-line');
    await page.getByRole('link', { name: 'Press 1', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Press 1' }).waitFor();
    const table = page.getByRole('table', { name: /by hour/ });
    await table.waitFor();
    await page.locator('[data-chart="echarts"] svg').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Times in Europe/Berlin').count()).toBe(1);
    await screenshot(page, '04-machine');

    // The hours on the page are the API's hours, figure by figure.
    const answer = await pageAnswer(answers, machine.id, 'HOUR');
    const buckets = byStart(answer.buckets);
    expect(buckets.some((b) => b.producedQuantity > 0)).toBe(true);
    // Row headers are the site's local hours (Berlin), not the browser's (Los Angeles).
    const hour = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Berlin',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    await expectRows(table, buckets, (b) => [hour.format(new Date(b.bucketStart))]);
    // The total is ISO 22400's: summed times, then divided; never an average of the hours.
    const sum = (pick: (b: KpiBucket) => number) => buckets.reduce((total, b) => total + pick(b), 0);
    const plannedBusy = sum((b) => b.plannedBusyTimeMs);
    const total = await table.locator('tfoot tr').getByRole('cell').allTextContents();
    expect(total[1]).toBe(pct(plannedBusy === 0 ? null : sum((b) => b.runTimeMs) / plannedBusy));
    expect(total[0]).toBe(pct(plannedBusy === 0 ? null : sum((b) => b.idealGoodMs) / plannedBusy));

    // Asked again directly, the API gives the same figures for every closed hour.
    const direct = await platform.graphql<{ assetKpis: KpiBucket[] }>(KPIS, answer.variables, token);
    const directByStart = new Map(direct.data?.assetKpis.map((b) => [Date.parse(b.bucketStart), b]));
    for (const bucket of buckets.filter((b) => b.final)) {
      expect(directByStart.get(Date.parse(bucket.bucketStart))?.oee).toBe(bucket.oee);
    }

    // The same range by shift, then by day: the worker's live job keeps the open day so far.
    // Mantine's segmented control hides its radio inputs; a person clicks the visible label.
    await page.locator('label', { hasText: /^By shift$/ }).click();
    expect(page.url()).toContain('by=shift');
    const shiftAnswer = await pageAnswer(answers, machine.id, 'SHIFT');
    await page.waitForLoadState('networkidle');
    const shifts = byStart(shiftAnswer.buckets);
    const byShift = page.getByRole('table', { name: /by shift/ });
    if (shifts.length === 0) {
      // Outside the demo calendar's shifts, before one has closed since the platform started,
      // the range has no shift: the page says so (and shows no hours in a table "by shift").
      await page.getByText(`No figures for ${machine.name} in this range.`).waitFor();
      expect(await byShift.count()).toBe(0);
    } else {
      const clock = new Intl.DateTimeFormat('en-US', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      // Each shift row is named by its shift (when the calendar names one) and its local times.
      await expectRows(byShift, shifts, (b) => [
        ...(b.shiftName ? [b.shiftName] : []),
        `${clock.format(new Date(b.bucketStart))}–${clock.format(new Date(b.bucketEnd))}`,
      ]);
    }
    const directShifts = await platform.graphql<{ assetKpis: KpiBucket[] }>(
      KPIS,
      shiftAnswer.variables,
      token,
    );
    const directShiftByStart = new Map(
      directShifts.data?.assetKpis.map((b) => [Date.parse(b.bucketStart), b]),
    );
    for (const shift of shifts.filter((b) => b.final)) {
      expect(directShiftByStart.get(Date.parse(shift.bucketStart))?.oee).toBe(shift.oee);
    }
    expect(directShifts.data?.assetKpis.filter((b) => b.final).length).toBe(
      shifts.filter((b) => b.final).length,
    );
    await screenshot(page, '04-machine-by-shift');
    await page.locator('label', { hasText: /^By day$/ }).click();
    // The page asks again every minute, so the first live run shows without a reload.
    const byDay = page.getByRole('table', { name: /by day/ });
    await byDay.locator('tbody tr').first().waitFor({ timeout: 90_000 });
    expect(await byDay.locator('tbody tr').count()).toBe(1);

    // The gateway that reads it, and the machine's tags.
    const gateways = page.getByRole('region', { name: 'Gateway and tags' });
    await gateways.getByRole('article').first().waitFor();
    const mapped = seed.gateways.flatMap((g) => g.machines).find((m) => m.machineId === machine.id);
    expect(await gateways.textContent()).toContain(`Reads it as ${mapped?.sourceKey ?? '(unmapped)'}`);
  });

  it('shows a site-restricted operator only their site', async () => {
    const restricted = seed.users.find((u) => u.sites !== 'all');
    if (!restricted || restricted.sites === 'all') throw new Error('the demo seed has no restricted user');
    const visible = seed.sites.filter((s) => restricted.sites.includes(s.id));
    const hidden = seed.sites.filter((s) => !restricted.sites.includes(s.id));
    expect(visible.length).toBe(1);
    expect(hidden.length).toBeGreaterThan(0);

    // On a phone, as a shift lead on the floor would use it.
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${platform.apiUrl}/`);
    await signIn(page, restricted.email);
    await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
    await page.getByRole('region', { name: visible[0]?.name }).waitFor();
    expect(await page.locator('section[aria-labelledby^="site-"]').count()).toBe(1);
    for (const site of hidden) expect(await page.getByText(site.name).count()).toBe(0);
    await screenshot(page, '05-restricted-operator-phone');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleet' }).waitFor();
    // The menu slides in: wait until it is all on screen.
    await page.waitForFunction(
      'document.querySelector(\'nav[aria-label="Main"]\').getBoundingClientRect().left >= 0',
    );
    await screenshot(page, '05-phone-navigation');
    await page.getByRole('button', { name: 'Close navigation' }).click();

    // Typing the address of a hidden site shows nothing of it.
    await page.goto(`${platform.apiUrl}/#/assets/${hidden[0]?.id ?? ''}`);
    await page.getByText(/no such site, area, line or machine/).waitFor();
    expect(await page.getByText(hidden[0]?.name ?? '').count()).toBe(0);
  });

  it('creates a provisioning claim and shows its token once, with a QR code', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${platform.apiUrl}/#/fleet`);
    await signIn(page, 'technician@demo.convergent.local');
    // Back on the page asked for before signing in.
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor();
    await page.getByRole('button', { name: 'Create provisioning claim' }).click();
    await page.getByText('Choose the site the gateway will belong to.').waitFor();

    await page.getByRole('textbox', { name: 'Site' }).click();
    await page.getByRole('option', { name: 'Stuttgart Plant' }).click();
    await page.getByRole('button', { name: 'Create provisioning claim' }).click();

    const token = (await page.getByTestId('claim-token').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await page.getByRole('img', { name: 'QR code of the provisioning claim' }).waitFor();
    await screenshot(page, '06-fleet-claim');
    // The token on the screen is the one the API stored (as its hash) for that site.
    const stuttgart = seed.sites.find((s) => s.name === 'Stuttgart Plant');
    const stored = await owner.query<{ site_id: string }>(
      'SELECT site_id FROM provisioning_claims WHERE token_hash = $1',
      [hashClaimToken(token)],
    );
    expect(stored.rows).toEqual([{ site_id: stuttgart?.id }]);
  });

  it('shows a gateway’s configuration, refuses a broken one in place, follows the gateway applying one, and answers a ping, on a phone', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${platform.apiUrl}/#/fleet`);
    await signIn(page, 'technician@demo.convergent.local');
    const row = page
      .getByRole('table', { name: 'Gateways' })
      .getByRole('row', { name: /demo-stuttgart-pl1/ });
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Configuration' }).waitFor();
    // The simulated gateway reported what it runs: its local file, as nothing was desired yet.
    await page.getByText('No configuration set from the cloud: the gateway runs its local file').waitFor();
    const reported = (await page.getByLabel('Reported configuration').textContent()) ?? '';
    expect(reported).toContain('"machines"');

    // A configuration the gateway could not run is refused in place, field by field.
    const editor = page.getByRole('textbox', { name: 'Desired configuration' });
    await editor.fill('{"machines": [{"key": "press-1", "source": {"kind": "modbus", "tags": []}}]}');
    await page.getByRole('button', { name: 'Save desired configuration' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The configuration was refused' });
    await refusal.getByText(/config\.machines\.0\.source\.host: required: the PLC address/).waitFor();
    // What it runs now, desired from the cloud: the gateway applies it and the page follows live.
    await editor.fill(reported);
    await page.getByRole('button', { name: 'Save desired configuration' }).click();
    await page.getByText('In sync: the gateway runs version 1').waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Send command' }).click();
    const commands = page.getByRole('table', { name: 'Commands' });
    await commands.getByText('succeeded').waitFor({ timeout: 30_000 });
    expect(await commands.getByRole('row').nth(1).textContent()).toContain('ping');
    await page.getByText(/messages? unsent \(ping at/).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, '23-gateway-phone');
  });

  // A partner's request with an API key, as curl would send it.
  async function withApiKey(key: string): Promise<{
    data?: { assets: { edges: Array<{ node: { name: string } }> } };
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  }> {
    const response = await fetch(`${platform.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query: '{ assets(kind: site) { edges { node { name } } } }' }),
    });
    return (await response.json()) as Awaited<ReturnType<typeof withApiKey>>;
  }

  it('acknowledges an alarm with a comment, and its history says so', async () => {
    const machine = seed.machines.find((m) => m.name === 'Press 2' && m.siteName === 'Stuttgart Plant');
    const stuttgart = seed.sites.find((s) => s.name === 'Stuttgart Plant');
    if (!machine || !stuttgart) throw new Error('the demo seed has no Press 2 in Stuttgart');
    // The alarm condition as the rule engine writes it (as the alarms API tests do).
    const inserted = await owner.query<{ id: string }>(
      `INSERT INTO alarms (id, tenant_id, asset_id, site_id, state, severity, message, raised_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'active_unacknowledged', 'critical', 'Hydraulic pressure low (browser test)', now())
       RETURNING id`,
      [seed.tenantId, machine.id, stuttgart.id],
    );
    const alarmId = inserted.rows[0]?.id;
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/#/alarms`);
    await signIn(page, 'technician@demo.convergent.local');
    await page.getByRole('heading', { level: 1, name: 'Alarms' }).waitFor();
    await page
      .getByRole('button', { name: 'Acknowledge Hydraulic pressure low (browser test) on Press 2' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Acknowledge alarm' });
    await dialog.getByRole('textbox', { name: 'Comment' }).fill('checking the pump');
    await screenshot(page, '14-alarm-acknowledge');
    await dialog.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'Hydraulic pressure low (browser test)' });
    await row.getByText('Active, acknowledged').waitFor();
    await screenshot(page, '15-alarms');
    const stored = await owner.query<{ state: string; comment: string | null }>(
      `SELECT a.state, h.comment FROM alarms a JOIN alarm_history h ON h.alarm_id = a.id AND h.action = 'acknowledge' WHERE a.id = $1`,
      [alarmId],
    );
    expect(stored.rows).toEqual([{ state: 'active_acknowledged', comment: 'checking the pump' }]);
    await row.getByRole('button', { name: /^History of/ }).click();
    await page.getByText('“checking the pump”').waitFor();
    await screenshot(page, '16-alarm-history');
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('table', { name: 'Gateways' }).getByText('demo-stuttgart-pl1').first().waitFor();
    await screenshot(page, '17-fleet-gateways');
  });

  it('lets an admin create an API key that works against the API, and revoke it', async () => {
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/`);
    await signIn(page, 'admin@demo.convergent.local');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();

    await page.getByRole('textbox', { name: 'Name' }).fill('E2E partner');
    await page
      .getByRole('radiogroup', { name: /Assets/ })
      .getByRole('radio', { name: 'Read', exact: true })
      .check();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = (await page.getByTestId('api-key-secret').textContent())?.trim() ?? '';
    expect(key).toMatch(/^cvk_[0-9a-f]{16}_/);
    await screenshot(page, '08-admin-api-key-created');

    const allowed = await withApiKey(key);
    expect(allowed.data?.assets.edges.map((e) => e.node.name).sort()).toEqual(
      seed.sites.map((s) => s.name).sort(),
    );

    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row', { name: /E2E partner/ });
    expect(await row.textContent()).toContain(`cvk_${key.slice(4, 20)}_…`);
    await page.getByRole('button', { name: 'Revoke E2E partner' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('Revoked').waitFor();
    // The header is fixed: a full-page picture taken scrolled down would show it mid-page.
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, '09-admin-api-keys');

    const refused = await withApiKey(key);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets an admin invite someone who accepts on a phone and signs in to their site only', async () => {
    const admin = await newPage();
    await admin.goto(`${platform.apiUrl}/#/admin/users`);
    await signIn(admin, 'admin@demo.convergent.local');
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await admin.getByRole('table', { name: 'Members' }).waitFor();
    await admin.getByRole('textbox', { name: 'E-mail' }).fill('new.colleague@example.com');
    await admin.getByRole('textbox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'Operator' }).click();
    await admin.getByRole('textbox', { name: 'Sites' }).click();
    await admin.getByRole('option', { name: 'Stuttgart Plant' }).click();
    await admin.keyboard.press('Escape');
    await admin.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = (await admin.getByTestId('invitation-link').textContent())?.trim() ?? '';
    expect(link).toMatch(/#\/accept-invitation\?token=/);
    await screenshot(admin, '10-admin-users-invitation');

    const invitee = await newPage({ width: 390, height: 844 });
    await invitee.goto(link);
    await invitee.getByRole('heading', { level: 1, name: 'Join Convergent' }).waitFor();
    await invitee.getByLabel('Your name').fill('New Colleague');
    await invitee.getByLabel(/^Password/).fill('short');
    await invitee.getByRole('button', { name: 'Join' }).click();
    await invitee.getByText('At least 12 characters; a few unrelated words make a good one.').waitFor();
    await invitee.getByLabel(/^Password/).fill('a long enough passphrase');
    await invitee.getByLabel('Repeat the password').fill('a long enough passphrase');
    await invitee.getByRole('button', { name: 'Join' }).click();
    await invitee.getByText(/Welcome to/).waitFor();
    await screenshot(invitee, '11-accept-invitation-phone');

    await invitee.getByRole('link', { name: 'Go to sign-in' }).click();
    await invitee.getByLabel('E-mail').fill('new.colleague@example.com');
    await invitee.getByLabel('Password').fill('a long enough passphrase');
    await invitee.getByRole('button', { name: 'Sign in' }).click();
    await invitee.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
    await invitee.getByRole('region', { name: 'Stuttgart Plant' }).waitFor();
    expect(await invitee.locator('section[aria-labelledby^="site-"]').count()).toBe(1);
    // An operator: no administration in the menu, and a clear word at its address.
    await invitee.goto(`${platform.apiUrl}/#/admin/audit`);
    await invitee.getByText('Administration is for administrators').waitFor();

    // The admin sees the new member and what happened in the audit log.
    await admin.reload();
    await admin.getByRole('row', { name: /New Colleague/ }).waitFor();
    await admin.goto(`${platform.apiUrl}/#/admin/audit`);
    await admin
      .getByRole('table', { name: 'Audit entries, newest first' })
      .getByText('invitation.accept')
      .waitFor();
    await screenshot(admin, '12-admin-audit');
    // On a phone the filters stack and the table scrolls sideways.
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.getByRole('button', { name: 'Open navigation' }).waitFor();
    await screenshot(admin, '13-admin-audit-phone');
  });

  it('keeps the user on their page across a reload, and brings them back after the session ends', async () => {
    const stuttgart = seed.sites.find((s) => s.name === 'Stuttgart Plant');
    const page = await newPage();
    const address = `${platform.apiUrl}/#/assets/${stuttgart?.id ?? ''}?range=last-24h`;
    await page.goto(address);
    await signIn(page, 'operator@demo.convergent.local');
    await page.getByRole('heading', { level: 1, name: 'Stuttgart Plant' }).waitFor();

    // The access token lives in memory only; the reload gets a new one with the refresh cookie
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Stuttgart Plant' }).waitFor();
    // (a string, so this node project needs no DOM types)
    expect(await page.evaluate('sessionStorage.length + localStorage.length')).toBe(0);

    // Without the cookie the session is gone: sign-in, then the same page and range again.
    await page.context().clearCookies();
    await page.reload();
    await signIn(page, 'operator@demo.convergent.local');
    await page.getByRole('heading', { level: 1, name: 'Stuttgart Plant' }).waitFor();
    expect(page.url()).toBe(address);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await screenshot(page, '07-signed-out');
  });
  // A gateway of the demo tenant that no simulator runs: its machines change state only when this
  // test says so, as a gateway would (MQTT → ingest → Redis → API subscription → page).
  async function connectGateway(thingName: string): Promise<MqttConnection> {
    const identity = await issueLocalGatewayIdentity(platform.stateDir, thingName);
    const gateway = new MqttConnection({
      host: platform.broker.host,
      port: platform.broker.port,
      clientId: thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
    });
    await gateway.start();
    return gateway;
  }

  it('shows a state change a gateway reports on the machine page without a reload', async () => {
    const gatewaySeed = seed.gateways.find((g) => g.thingName === 'demo-stuttgart-pl2');
    const target = gatewaySeed?.machines[0];
    const machine = seed.machines.find((m) => m.id === target?.machineId);
    if (!gatewaySeed || !target || !machine)
      throw new Error('the demo seed has no gateway demo-stuttgart-pl2');
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/#/assets/${machine.id}`);
    await signIn(page, 'operator@demo.convergent.local');
    await page.getByRole('heading', { level: 1, name: machine.name }).waitFor();
    const live = page.getByTestId('machine-live-state');
    await live.getByText('waiting for the next change').waitFor();

    // Each report is a change (down, idle, down, …) so each is news; reports go on until the page
    // shows one of them, which covers however long the page's subscription takes to start. Then
    // one last, different report must show as it is: state and time.
    const gateway = await connectGateway(gatewaySeed.thingName);
    const sent = new Set<number>();
    let seq = 0;
    const report = async (state: string): Promise<number> => {
      seq += 1;
      const ts = Date.now();
      sent.add(ts);
      await gateway.publish(
        `cvg/${gatewaySeed.thingName}/state`,
        JSON.stringify({ v: 1, seq, machine: target.sourceKey, events: [{ ts, state }] }),
        1,
      );
      return ts;
    };
    const shownAt = async (): Promise<number | null> => {
      const at = await live.getAttribute('data-at');
      return at === null ? null : Date.parse(at);
    };
    try {
      await eventually(
        'a reported state on the machine page',
        async () => {
          await report(seq % 2 === 0 ? 'down' : 'idle');
          // Time for the report to travel before the next one.
          await page.waitForTimeout(1_000);
          const at = await shownAt();
          return at !== null && sent.has(at) ? true : undefined;
        },
        90_000,
      );
      const last = await report('setup');
      await eventually(
        'the last report on the page',
        async () => ((await shownAt()) === last ? true : undefined),
        30_000,
      );
      expect(await live.getByText('setup').count()).toBe(1);
    } finally {
      await gateway.stop();
    }
    expect(page.url()).toContain(`/#/assets/${machine.id}`);
    await screenshot(page, '18-machine-live-state');
  });

  it('lets an admin keep products with ideal cycle times, a machine’s own, reason codes and shift calendars', async () => {
    const press = seed.machines.find((m) => m.name === 'Press 1' && m.siteName === 'Stuttgart Plant');
    if (!press) throw new Error('the demo seed has no Press 1 in Stuttgart');
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/#/admin/products`);
    await signIn(page, 'admin@demo.convergent.local');
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByText('Enter the ideal cycle time in seconds, such as 1.5.').waitFor();
    await page.getByRole('textbox', { name: 'Code' }).fill('E2E-BRK');
    await page.getByRole('textbox', { name: 'Name' }).fill('E2E bracket');
    await page.getByRole('textbox', { name: 'Ideal cycle time (seconds)' }).fill('1.25');
    await page.getByRole('button', { name: 'Add product' }).click();
    const row = page.getByRole('row', { name: /E2E-BRK/ });
    await row.getByText('1.25 s').waitFor();

    await page.getByRole('button', { name: "Set a machine's cycle time for E2E-BRK" }).click();
    const dialog = page.getByRole('dialog', { name: 'E2E-BRK on one machine' });
    await dialog.getByRole('textbox', { name: 'Machine', exact: true }).fill('Press 1');
    await dialog.getByRole('option', { name: 'Press 1 (Stuttgart Plant)' }).click();
    await dialog.getByRole('textbox', { name: /on this machine/ }).fill('1.1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Press 1: 1.1 s').waitFor();
    await screenshot(page, '19-admin-products');
    const stored = await owner.query<{ ms: number }>(
      `SELECT o.ideal_cycle_time_ms AS ms FROM machine_cycle_times o JOIN products p ON p.id = o.product_id
       WHERE p.code = 'E2E-BRK' AND o.machine_id = $1`,
      [press.id],
    );
    expect(stored.rows).toEqual([{ ms: 1100 }]);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Downtime reasons' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Downtime reasons' }).waitFor();
    await page.getByRole('textbox', { name: 'Code' }).fill('E2E-JAM');
    await page.getByRole('textbox', { name: 'Name' }).fill('E2E material jam');
    await page.getByRole('textbox', { name: 'Loss class' }).click();
    await page.getByRole('option', { name: 'Minor stop' }).click();
    await page.getByRole('button', { name: 'Add reason code' }).click();
    await page
      .getByRole('row', { name: /E2E-JAM/ })
      .getByText('Minor stop')
      .waitFor();
    await screenshot(page, '20-admin-downtime-reasons');

    // A calendar for a line no simulator runs, so the other tests' figures stay as they were.
    const ohio = seed.sites.find((s) => s.name !== 'Stuttgart Plant');
    if (!ohio) throw new Error('the demo seed has only one site');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Shift calendars' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Shift calendars' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).first().fill('E2E calendar');
    await page.getByRole('textbox', { name: 'For' }).click();
    await page.getByRole('option', { name: `${ohio.name} (Site)` }).click();
    await page.getByRole('button', { name: 'Add calendar' }).click();
    const calendar = page.getByRole('region', { name: 'E2E calendar' });
    const shiftForm = calendar.getByRole('form', { name: 'Add a shift' });
    await shiftForm.getByRole('textbox', { name: 'Name' }).fill('Early');
    await shiftForm.getByLabel('Starts').fill('06:00');
    await shiftForm.getByLabel(/^Ends/).fill('14:00');
    await shiftForm.getByRole('button', { name: 'Add a shift' }).click();
    await calendar.getByRole('row', { name: /Early/ }).getByText('Mon–Fri 06:00–14:00').waitFor();
    await screenshot(page, '21-admin-shift-calendars');
    const shifts = await owner.query<{ name: string; days: number[] }>(
      `SELECT d.name, d.days_of_week AS days FROM shift_definitions d JOIN shift_calendars c ON c.id = d.calendar_id
       WHERE c.name = 'E2E calendar' AND c.asset_id = $1`,
      [ohio.id],
    );
    expect(shifts.rows).toEqual([{ name: 'Early', days: [1, 2, 3, 4, 5] }]);
    // On a phone the forms stack.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await screenshot(page, '22-admin-shift-calendars-phone');
  });
});
