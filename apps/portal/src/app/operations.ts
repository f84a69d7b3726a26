import * as z from 'zod/mini';
import { operation } from './graphql-client';

// The documents the portal sends and the shapes it accepts back. Written by hand for now;
// graphql-codegen takes this over together with urql.

export const ROLES = ['admin', 'operator', 'technician', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ASSET_KINDS = ['enterprise', 'site', 'area', 'line', 'cell', 'machine'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

// DateTime travels as an ISO 8601 string.
const dateTime = z.pipe(
  z.iso.datetime({ offset: true }),
  z.transform((value: string) => new Date(value)),
);

export const authPayloadSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  expiresAt: z.iso.datetime({ offset: true }),
  role: z.enum(ROLES),
  tenantName: z.string(),
  userName: z.string(),
});
export type AuthPayload = z.infer<typeof authPayloadSchema>;

export const signIn = operation<{ email: string; password: string }>()(
  'SignIn',
  `mutation SignIn($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken expiresAt role tenantName userName }
}`,
  z.object({ login: authPayloadSchema }),
);

const assetSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ASSET_KINDS),
  parentId: z.nullable(z.string()),
  siteId: z.nullable(z.string()),
  timeZone: z.nullable(z.string()),
});
export type Asset = z.infer<typeof assetSchema>;

// One page of up to 100 assets (the API's largest), flattened back into a list for the tree.
export const plantAssets = operation()(
  'PlantAssets',
  `query PlantAssets { assets(first: 100) { edges { node { id name kind parentId siteId timeZone } } } }`,
  z.pipe(
    z.object({ assets: z.object({ edges: z.array(z.object({ node: assetSchema })) }) }),
    z.transform((data) => ({ assets: data.assets.edges.map((edge) => edge.node) })),
  ),
);

const kpiBucketSchema = z.object({
  bucketStart: dateTime,
  bucketEnd: dateTime,
  availability: z.nullable(z.number()),
  effectiveness: z.nullable(z.number()),
  quality: z.nullable(z.number()),
  oee: z.nullable(z.number()),
  // Ideal cycle time × produced / × good; 0 when no ideal cycle time is known.
  idealProductionMs: z.number(),
  idealGoodMs: z.number(),
  plannedBusyTimeMs: z.number(),
  runTimeMs: z.number(),
  setupTimeMs: z.number(),
  unplannedStopTimeMs: z.number(),
  unknownTimeMs: z.number(),
  producedQuantity: z.int(),
  scrapQuantity: z.int(),
  reworkQuantity: z.int(),
  final: z.boolean(),
});
export type KpiBucket = z.infer<typeof kpiBucketSchema>;

export const machineKpis = operation<{ machineId: string; from: string; to: string }>()(
  'MachineKpis',
  `query MachineKpis($machineId: ID!, $from: DateTime!, $to: DateTime!) {
  machineKpis(machineId: $machineId, from: $from, to: $to) {
    bucketStart bucketEnd availability effectiveness quality oee idealProductionMs idealGoodMs
    plannedBusyTimeMs runTimeMs setupTimeMs unplannedStopTimeMs unknownTimeMs
    producedQuantity scrapQuantity reworkQuantity final
  }
}`,
  z.object({ machineKpis: z.array(kpiBucketSchema) }),
);
