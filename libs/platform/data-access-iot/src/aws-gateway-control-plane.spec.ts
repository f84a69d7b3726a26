import {
  AddThingToThingGroupCommand,
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  DescribeCertificateCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  IoTClient,
  ResourceAlreadyExistsException,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsGatewayControlPlane } from './aws-gateway-control-plane';
import { gatewayPolicyDocument } from './aws-gateway-policy';

// AWS is unreachable here: these check the requests against the SDK's own command shapes.
const iot = mockClient(IoTClient);
const certificateArn = 'arn:aws:iot:eu-central-1:123456789012:cert/abc123';
const exists = () =>
  new ResourceAlreadyExistsException({ message: 'exists', $metadata: {}, resourceId: 'x', resourceArn: 'y' });

describe('AwsGatewayControlPlane', () => {
  const plane = () =>
    new AwsGatewayControlPlane(new IoTClient({ region: 'eu-central-1' }), {
      policyName: 'convergent-gateway',
      region: 'eu-central-1',
      accountId: '123456789012',
    });

  beforeEach(() => {
    iot.reset();
    iot.on(DescribeCertificateCommand).resolves({ certificateDescription: { certificateArn } });
  });

  it('registers a gateway as a thing in its site group with the gateway policy on its active certificate', async () => {
    iot.on(CreateThingGroupCommand).rejects(exists());
    await plane().activateGateway({ thingName: 'press-line-1', siteId: 'site-9', certificateId: 'abc123' });

    expect(iot.commandCalls(CreateThingCommand)[0]?.args[0].input).toEqual({
      thingName: 'press-line-1',
      attributePayload: { attributes: { siteId: 'site-9' } },
    });
    expect(iot.commandCalls(CreateThingGroupCommand)[0]?.args[0].input).toEqual({
      thingGroupName: 'site-site-9',
    });
    expect(iot.commandCalls(AddThingToThingGroupCommand)[0]?.args[0].input).toEqual({
      thingGroupName: 'site-site-9',
      thingName: 'press-line-1',
    });
    expect(iot.commandCalls(AttachPolicyCommand)[0]?.args[0].input).toEqual({
      policyName: 'convergent-gateway',
      target: certificateArn,
    });
    expect(iot.commandCalls(AttachThingPrincipalCommand)[0]?.args[0].input).toEqual({
      thingName: 'press-line-1',
      principal: certificateArn,
    });
    expect(iot.commandCalls(UpdateCertificateCommand)[0]?.args[0].input).toEqual({
      certificateId: 'abc123',
      newStatus: 'ACTIVE',
    });
  });

  it('revokes the certificate first, then detaches it from the thing and the policy', async () => {
    await plane().revokeGateway({ thingName: 'press-line-1', certificateId: 'abc123' });

    const order = iot
      .calls()
      .map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name);
    expect(order).toEqual([
      'UpdateCertificateCommand',
      'DescribeCertificateCommand',
      'DetachThingPrincipalCommand',
      'DetachPolicyCommand',
    ]);
    expect(iot.commandCalls(UpdateCertificateCommand)[0]?.args[0].input).toEqual({
      certificateId: 'abc123',
      newStatus: 'REVOKED',
    });
    expect(iot.commandCalls(DetachThingPrincipalCommand)[0]?.args[0].input).toEqual({
      thingName: 'press-line-1',
      principal: certificateArn,
    });
    expect(iot.commandCalls(DetachPolicyCommand)[0]?.args[0].input).toEqual({
      policyName: 'convergent-gateway',
      target: certificateArn,
    });
  });

  it('creates the gateway policy once and leaves an existing one alone, but reports other failures', async () => {
    iot.on(CreatePolicyCommand).rejectsOnce(exists()).rejectsOnce(new Error('AccessDenied'));
    await expect(plane().ensureGatewayPolicy()).resolves.toBeUndefined();
    await expect(plane().ensureGatewayPolicy()).rejects.toThrow('AccessDenied');
    const input = iot.commandCalls(CreatePolicyCommand)[0]?.args[0].input;
    expect(input?.policyName).toBe('convergent-gateway');
    expect(JSON.parse(input?.policyDocument ?? '{}')).toEqual(
      gatewayPolicyDocument({ region: 'eu-central-1', accountId: '123456789012' }),
    );
  });

  it('grants a gateway its own topics only, through the thing-name policy variable', () => {
    const statements = gatewayPolicyDocument().Statement;
    const resources = (action: string) => statements.find((s) => s.Action === action)?.Resource;
    expect(resources('iot:Connect')).toBe('arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}');
    expect(resources('iot:Publish')).toContain(
      'arn:aws:iot:*:*:topic/cvg/${iot:Connection.Thing.ThingName}/state',
    );
    expect(resources('iot:Subscribe')).toEqual([
      'arn:aws:iot:*:*:topicfilter/cvg/${iot:Connection.Thing.ThingName}/config/desired',
      'arn:aws:iot:*:*:topicfilter/cvg/${iot:Connection.Thing.ThingName}/cmd/req',
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/cvg\/[#+]|cvg\/\*/);
  });
});
