import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { PROVISIONING_PARAMETERS } from '@convergent/platform-data-access-iot';
import { IotStack } from './iot-stack';
import type { PolicyDocument } from './iot-policies';

const OWN = 'cvg/${iot:Connection.Thing.ThingName}';

function synth() {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-iot-'));
  const app = new App({ outdir });
  const stack = new IotStack(app, 'iot', { platformUrl: 'https://platform.internal.example' });
  const template = Template.fromStack(stack);
  return { outdir, stack, template };
}

function policy(template: Template, name: string): PolicyDocument {
  const found = template.findResources('AWS::IoT::Policy', { Properties: { PolicyName: name } });
  const [resource] = Object.values(found) as { Properties: { PolicyDocument: PolicyDocument } }[];
  if (resource === undefined) throw new Error(`no policy ${name}`);
  return resource.Properties.PolicyDocument;
}

// Resource strings with the partition/region/account prefix (a CloudFormation Join) cut off.
function resources(document: PolicyDocument, action: string): string[] {
  return document.Statement.filter((s) => s.Action.includes(action)).flatMap((s) =>
    s.Resource.map((resource) => {
      const text = JSON.stringify(resource);
      const match =
        /:(client|topic|topicfilter)\/(.*?)"\]\]}$/.exec(text) ??
        /:(client|topic|topicfilter)\/(.*)"$/.exec(text);
      return match ? `${match[1]}/${match[2]}` : text;
    }),
  );
}

describe('IoT stack', () => {
  const { outdir, stack, template } = synth();
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesises without errors', () => {
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    template.resourceCountIs('AWS::IoT::ThingType', 1);
    template.hasResourceProperties('AWS::IoT::ThingGroup', { ThingGroupName: 'convergent-gateways' });
  });

  it('lets a gateway connect only as its own thing and use only its own topics, each in its direction', () => {
    const gateway = policy(template, 'convergent-gateway');
    expect(resources(gateway, 'iot:Connect')).toEqual(['client/${iot:Connection.Thing.ThingName}']);
    expect(JSON.stringify(gateway)).toContain('iot:Connection.Thing.IsAttached');
    expect(resources(gateway, 'iot:Publish').sort()).toEqual(
      ['telemetry', 'state', 'counts', 'presence', 'config/reported', 'cmd/res']
        .map((c) => `topic/${OWN}/${c}`)
        .sort(),
    );
    expect(resources(gateway, 'iot:Subscribe').sort()).toEqual([
      `topicfilter/${OWN}/cmd/req`,
      `topicfilter/${OWN}/config/desired`,
    ]);
    expect(resources(gateway, 'iot:Receive').sort()).toEqual([
      `topic/${OWN}/cmd/req`,
      `topic/${OWN}/config/desired`,
    ]);
    // No statement reaches another gateway's subtree or the whole tree.
    expect(JSON.stringify(gateway)).not.toMatch(/cvg\/\*|cvg\/\+|\/#/);
  });

  it('restricts the claim certificate to CSR provisioning with the gateway template', () => {
    const claim = policy(template, 'convergent-gateway-claim');
    const text = JSON.stringify(claim);
    expect(text).not.toContain('cvg/');
    // CreateKeysAndCertificate would send a private key over the wire: only the CSR flow is allowed.
    expect(text).not.toContain('certificates/create/');
    expect(resources(claim, 'iot:Publish').sort()).toEqual([
      'topic/$aws/certificates/create-from-csr/json',
      'topic/$aws/provisioning-templates/convergent-gateway/provision/json',
    ]);
  });

  it("gives the backend ingest's shared subscriptions and the cloud-to-gateway topics, nothing more", () => {
    const backend = policy(template, 'convergent-backend');
    expect(resources(backend, 'iot:Connect')).toEqual(['client/convergent-*']);
    expect(resources(backend, 'iot:Subscribe').sort()).toEqual(
      ['cmd/res', 'config/reported', 'counts', 'presence', 'state', 'telemetry'].map(
        (c) => `topicfilter/$share/ingest/cvg/+/${c}`,
      ),
    );
    expect(resources(backend, 'iot:Publish').sort()).toEqual([
      'topic/cvg/*/cmd/req',
      'topic/cvg/*/config/desired',
    ]);
    // The desired configuration is retained, so a gateway that is offline gets it when it connects.
    expect(resources(backend, 'iot:RetainPublish')).toEqual(['topic/cvg/*/config/desired']);
  });

  it('provisions through the template only what the pre-provisioning hook allowed', () => {
    const [resource] = Object.values(template.findResources('AWS::IoT::ProvisioningTemplate')) as {
      Properties: {
        TemplateBody: string;
        PreProvisioningHook: { TargetArn: unknown; PayloadVersion: string };
      };
    }[];
    expect(resource?.Properties.PreProvisioningHook.PayloadVersion).toBe('2020-04-01');
    expect(JSON.stringify(resource?.Properties.PreProvisioningHook.TargetArn)).toContain(
      'PreProvisioningHook',
    );
    const body = JSON.parse(resource?.Properties.TemplateBody ?? '{}') as {
      Parameters: Record<string, unknown>;
    };
    // The names the edge agent sends in RegisterThing.
    for (const name of Object.values(PROVISIONING_PARAMETERS)) expect(body.Parameters).toHaveProperty(name);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'iot.amazonaws.com',
      SourceAccount: Match.anyValue(),
      SourceArn: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Timeout: 5,
      Environment: {
        Variables: { PLATFORM_URL: 'https://platform.internal.example', HOOK_SECRET_ARN: Match.anyValue() },
      },
    });
  });

  it('packages the hook as plain JavaScript that loads and refuses a malformed event', async () => {
    const [assetDir] = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const folder = join(outdir, assetDir ?? 'missing');
    expect(existsSync(join(folder, 'index.js'))).toBe(true);
    expect(readFileSync(join(folder, 'hook.js'), 'utf8')).not.toContain('interface ');
    const hook = createRequire(__filename)(
      join(folder, 'hook.js'),
    ) as typeof import('./provisioning-hook/hook');
    const handle = hook.createHookHandler({
      platformUrl: 'http://127.0.0.1:9',
      readSecret: async () => 'secret',
      fetch,
      log: () => undefined,
    });
    await expect(handle({ parameters: {} })).resolves.toEqual({ allowProvisioning: false });
  });

  it('turns on AWS IoT logging at WARN with a role that may only write its own log group', () => {
    template.hasResourceProperties('AWS::IoT::Logging', { DefaultLogLevel: 'WARN' });
    expect(JSON.stringify(template.toJSON())).toContain('log-group:AWSIotLogsV2:*');
  });
});
