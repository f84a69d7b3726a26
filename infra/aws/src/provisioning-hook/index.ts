import { createHookHandler } from './hook.js';

// The Lambda entry point: wires the hook to the environment the stack gives it. The AWS SDK is
// the one the Lambda Node.js runtime ships, loaded by name so that nothing is bundled.
interface SecretsManagerSdk {
  SecretsManagerClient: new () => { send(command: unknown): Promise<{ SecretString?: string }> };
  GetSecretValueCommand: new (input: { SecretId: string }) => unknown;
}
const SECRETS_MANAGER_SDK = '@aws-sdk/client-secrets-manager';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

export const handler = createHookHandler({
  platformUrl: requireEnv('PLATFORM_URL'),
  readSecret: async () => {
    const sdk = (await import(SECRETS_MANAGER_SDK)) as SecretsManagerSdk;
    const answer = await new sdk.SecretsManagerClient().send(
      new sdk.GetSecretValueCommand({ SecretId: requireEnv('HOOK_SECRET_ARN') }),
    );
    if (answer.SecretString === undefined) throw new Error('the hook secret has no string value');
    return answer.SecretString;
  },
  fetch: (input, init) => fetch(input, init),
  log: (entry) => console.log(JSON.stringify(entry)),
});
