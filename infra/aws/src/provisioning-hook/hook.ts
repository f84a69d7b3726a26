// AWS IoT's pre-provisioning hook for the gateway template: AWS calls it on every RegisterThing
// and provisions the gateway only when it answers allowProvisioning: true. The decision is the
// platform's (the claim token is consumed there, in the same transaction that registers the
// gateway), so this only carries the request over and fails closed: no answer, no gateway.
//
// This folder is deployed on its own (transpiled file by file, no bundler, no dependencies):
// import nothing but Node's built-ins and its own files.

export interface PreProvisioningHookEvent {
  claimCertificateId: string;
  certificateId: string;
  certificatePem: string;
  templateArn: string;
  clientId: string;
  parameters: Record<string, string>;
}

export interface PreProvisioningHookResult {
  allowProvisioning: boolean;
  parameterOverrides?: Record<string, string>;
}

// What the platform's POST /internal/provisioning-hook answers.
export type PlatformDecision =
  { allow: true; siteId: string; gatewayId: string } | { allow: false; reason: string };

export interface HookDependencies {
  platformUrl: string;
  readSecret: () => Promise<string>;
  fetch: typeof fetch;
  log: (entry: Record<string, unknown>) => void;
  // AWS gives the hook 5 s in all; the platform must answer well within that.
  timeoutMs?: number;
}

const REFUSED: PreProvisioningHookResult = { allowProvisioning: false };

export function parseHookEvent(event: unknown): PreProvisioningHookEvent | null {
  if (typeof event !== 'object' || event === null) return null;
  const candidate = event as Record<string, unknown>;
  const strings = ['claimCertificateId', 'certificateId', 'certificatePem', 'templateArn', 'clientId'];
  if (!strings.every((key) => typeof candidate[key] === 'string' && candidate[key] !== '')) return null;
  const parameters = candidate['parameters'];
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) return null;
  if (!Object.values(parameters).every((value) => typeof value === 'string')) return null;
  return candidate as unknown as PreProvisioningHookEvent;
}

export function parsePlatformDecision(body: unknown): PlatformDecision | null {
  if (typeof body !== 'object' || body === null) return null;
  const candidate = body as Record<string, unknown>;
  if (candidate['allow'] === true) {
    const { siteId, gatewayId } = candidate;
    return typeof siteId === 'string' && typeof gatewayId === 'string'
      ? { allow: true, siteId, gatewayId }
      : null;
  }
  if (candidate['allow'] === false && typeof candidate['reason'] === 'string') {
    return { allow: false, reason: candidate['reason'] };
  }
  return null;
}

export function createHookHandler(deps: HookDependencies) {
  let secret: Promise<string> | undefined;
  return async function handle(event: unknown): Promise<PreProvisioningHookResult> {
    const request = parseHookEvent(event);
    if (request === null) {
      deps.log({ level: 'warn', msg: 'refused: malformed hook event' });
      return REFUSED;
    }
    const context = { certificateId: request.certificateId, clientId: request.clientId };
    try {
      secret ??= deps.readSecret();
      const response = await deps.fetch(new URL('/internal/provisioning-hook', deps.platformUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await secret}` },
        body: JSON.stringify({
          certificateId: request.certificateId,
          certificatePem: request.certificatePem,
          parameters: request.parameters,
        }),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 4000),
      });
      const decision = response.ok ? parsePlatformDecision(await response.json()) : null;
      if (decision === null) {
        // A rotated secret shows as 401: read it again on the next call.
        if (response.status === 401) secret = undefined;
        deps.log({ level: 'error', msg: `refused: platform answered ${response.status}`, ...context });
        return REFUSED;
      }
      if (!decision.allow) {
        deps.log({ level: 'warn', msg: `refused: ${decision.reason}`, ...context });
        return REFUSED;
      }
      deps.log({ level: 'info', msg: 'allowed', gatewayId: decision.gatewayId, ...context });
      return {
        allowProvisioning: true,
        parameterOverrides: { SiteId: decision.siteId, GatewayId: decision.gatewayId },
      };
    } catch (error) {
      secret = undefined;
      const message = error instanceof Error ? error.message : String(error);
      deps.log({ level: 'error', msg: `refused: platform unreachable (${message})`, ...context });
      return REFUSED;
    }
  };
}
