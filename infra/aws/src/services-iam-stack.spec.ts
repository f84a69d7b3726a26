import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SERVICES, ServicesIamStack } from './services-iam-stack';

const ISSUER = 'oidc.eks.eu-central-1.amazonaws.com/id/ABC123';

describe('services IAM stack', () => {
  const stack = new ServicesIamStack(new App(), 'iam', {
    environment: 'prod',
    oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`,
    oidcIssuer: ISSUER,
    namespace: 'convergent',
  });
  const template = Template.fromStack(stack);
  const json = JSON.stringify(template.toJSON());

  it('gives each service a role that only its own service account can assume', () => {
    for (const service of SERVICES) {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: `convergent-prod-${service}`,
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Action: 'sts:AssumeRoleWithWebIdentity' })],
        },
      });
      expect(json).toContain(`system:serviceaccount:convergent:convergent-${service}`);
    }
  });

  it('lets each service read only its own secrets', () => {
    for (const service of SERVICES) expect(json).toContain(`:secret:convergent/prod/${service}/*`);
    expect(json).not.toMatch(/secret:convergent\/prod\/\*/);
  });

  it('lets no service role publish to gateways: ingest does, with the backend certificate', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const publishers = Object.entries(policies)
      .filter(([, policy]) => JSON.stringify(policy).includes('"iot:Publish"'))
      .map(([id]) => id);
    expect(publishers).toEqual([]);
  });

  it("synthesises both stacks to CloudFormation with the operator's command", () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    try {
      execFileSync(process.execPath, ['-r', './tools/register-ts.cjs', 'infra/aws/src/main.ts'], {
        cwd: join(__dirname, '../../..'),
        env: {
          ...process.env,
          CDK_OUTDIR: outdir,
          CONVERGENT_ENV: 'staging',
          CONVERGENT_PLATFORM_URL: 'https://api.internal.example',
          CONVERGENT_OIDC_PROVIDER_ARN: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`,
          CONVERGENT_OIDC_ISSUER: ISSUER,
        },
        stdio: 'pipe',
      });
      const templates = readdirSync(outdir)
        .filter((file) => file.endsWith('.template.json'))
        .sort();
      expect(templates).toEqual([
        'convergent-staging-iot.template.json',
        'convergent-staging-services-iam.template.json',
      ]);
      const iot = JSON.parse(readFileSync(join(outdir, templates[0] ?? ''), 'utf8')) as { Resources: object };
      expect(Object.keys(iot.Resources).length).toBeGreaterThan(10);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('refuses to synthesise without the settings it cannot guess', () => {
    expect(() =>
      execFileSync(process.execPath, ['-r', './tools/register-ts.cjs', 'infra/aws/src/main.ts'], {
        cwd: join(__dirname, '../../..'),
        env: { PATH: process.env['PATH'], CDK_OUTDIR: join(tmpdir(), 'cdk-never') },
        stdio: 'pipe',
      }),
    ).toThrow(/CONVERGENT_PLATFORM_URL is not set/);
  });
});
