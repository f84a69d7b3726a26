export { seedDemoTenant, DEMO_PASSWORD, DEMO_TENANT_SLUG } from './demo-tenant';
export type { DemoSeed, DemoRole } from './demo-tenant';
