// Seeds the demo tenant and prints its logins.
//
//   MIGRATE_DATABASE_URL=postgresql://root@127.0.0.1:5432/convergent \
//     node -r @swc-node/register prisma/seed/main.ts        (or: npx nx run database:seed)
//
// DEMO_PASSWORD overrides the demo password of every login when the tenant is first created.
import { seedDemoTenant, type DemoSeed } from './demo-tenant';

function describe(seed: DemoSeed): string {
  const siteNames = new Map(seed.sites.map((site) => [site.id, site.name]));
  const lines = [
    `Demo tenant "${seed.tenantSlug}" (${seed.tenantId})`,
    '',
    'Sites:',
    ...seed.sites.map((site) => `  ${site.name}  ${site.timeZone}`),
    '',
    'Logins:',
    ...seed.users.map((user) => {
      const sites =
        user.sites === 'all' ? 'all sites' : user.sites.map((id) => siteNames.get(id) ?? id).join(', ');
      return `  ${user.email.padEnd(42)} ${user.password.padEnd(18)} ${user.role.padEnd(11)} ${sites}`;
    }),
    '',
    'Gateways:',
    ...seed.gateways.map(
      (gateway) =>
        `  ${gateway.thingName.padEnd(20)} ${siteNames.get(gateway.siteId) ?? gateway.siteId}: ` +
        gateway.machines.map((machine) => machine.sourceKey).join(', '),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const url = process.env['MIGRATE_DATABASE_URL'];
  if (!url) {
    process.stderr.write(
      'MIGRATE_DATABASE_URL is not set (e.g. postgresql://root@127.0.0.1:5432/convergent)\n',
    );
    process.exitCode = 2;
    return;
  }
  const password = process.env['DEMO_PASSWORD'];
  const seed = await seedDemoTenant(url, password ? { passwordFor: () => password } : {});
  process.stdout.write(describe(seed));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Seeding the demo tenant failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
