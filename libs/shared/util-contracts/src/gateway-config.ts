import { z } from 'zod';

// PROVISIONAL (edge helper, issue 5): the minimal desired/reported pair on cvg/<thing>/config/desired
// and cvg/<thing>/config/reported, until the cloud side (ingest's twin) defines it fully. The
// configuration itself is the edge agent's (apps/edge-agent/src/machine-config.ts): the cloud
// stores and forwards it, the agent validates it.

export const desiredConfigMessageSchema = z.strictObject({
  v: z.literal(1),
  // Grows with every change the cloud makes; the agent applies a version once.
  version: z.number().int().min(1),
  config: z.record(z.string(), z.unknown()),
});

export const reportedConfigMessageSchema = z.strictObject({
  v: z.literal(1),
  version: z.number().int().min(0),
  status: z.enum(['applied', 'rejected']),
  // Why a desired configuration was rejected (the agent keeps running the previous one).
  error: z.string().max(4000).optional(),
  ts: z.number().int(),
});

export type DesiredConfigMessage = z.infer<typeof desiredConfigMessageSchema>;
export type ReportedConfigMessage = z.infer<typeof reportedConfigMessageSchema>;
