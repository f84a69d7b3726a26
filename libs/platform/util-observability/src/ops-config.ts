import { z } from 'zod';

// The operations endpoint (liveness, readiness, Prometheus metrics) on a port of its own, kept
// off the public listener. Off unless OPS_PORT is set, so several processes on one host (npm
// start, tests) never fight over a port; containers set it (infra/k8s, infra/compose).
export const opsConfigSchema = z.object({
  OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OPS_HOST: z.string().min(1).default('0.0.0.0'),
  // How long a stopping process waits for in-flight work before it exits anyway.
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  // Where spans go: nowhere (tracing off), or one JSON line each on stdout for a log-based collector.
  OTEL_TRACES_EXPORTER: z.enum(['none', 'console']).default('none'),
});

export type OpsConfig = z.infer<typeof opsConfigSchema>;
