import { TOPIC_ROOT } from '@convergent/shared-util-contracts';

// The AWS IoT policy every gateway certificate gets: one document for all gateways, narrowed to the
// connecting thing by policy variables, so a gateway may use its own topics only (the same rights
// as the local broker's per-gateway role, local-dynamic-security.ts).

const THING = '${iot:Connection.Thing.ThingName}';
const GATEWAY_PUBLISHES = ['telemetry', 'state', 'counts', 'presence', 'config/reported', 'cmd/res'];
const GATEWAY_RECEIVES = ['config/desired', 'cmd/req'];

export interface AwsPolicyScope {
  // Default "*": any region and account the policy is created in.
  region?: string;
  accountId?: string;
}

export interface AwsPolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{
    Effect: 'Allow';
    Action: string;
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
  }>;
}

export function gatewayPolicyDocument(scope: AwsPolicyScope = {}): AwsPolicyDocument {
  const arn = (kind: string, name: string) =>
    `arn:aws:iot:${scope.region ?? '*'}:${scope.accountId ?? '*'}:${kind}/${name}`;
  const own = (channel: string) => `${TOPIC_ROOT}/${THING}/${channel}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // Client id = thing name, and only for a certificate attached to that thing.
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: arn('client', THING),
        Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
      },
      {
        Effect: 'Allow',
        Action: 'iot:Publish',
        Resource: GATEWAY_PUBLISHES.map((c) => arn('topic', own(c))),
      },
      {
        Effect: 'Allow',
        Action: 'iot:Subscribe',
        Resource: GATEWAY_RECEIVES.map((c) => arn('topicfilter', own(c))),
      },
      { Effect: 'Allow', Action: 'iot:Receive', Resource: GATEWAY_RECEIVES.map((c) => arn('topic', own(c))) },
    ],
  };
}
