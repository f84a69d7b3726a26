import {
  DEVICE_CHANNELS,
  CONTROL_REPLY_CHANNELS,
  INGEST_CHANNELS,
  controlReplySubscriptionFilters,
  TOPIC_ROOT,
  ingestSubscriptionFilters,
  type DeviceChannel,
} from '@convergent/shared-util-contracts';

// AWS IoT Core policy documents, derived from the topic tree in util-contracts so that a channel
// added there cannot be forgotten here (the direction map below must name every channel).

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

type Direction = 'gateway-to-cloud' | 'cloud-to-gateway';

export const CHANNEL_DIRECTIONS: Record<DeviceChannel, Direction> = {
  telemetry: 'gateway-to-cloud',
  state: 'gateway-to-cloud',
  counts: 'gateway-to-cloud',
  presence: 'gateway-to-cloud',
  'config/desired': 'cloud-to-gateway',
  'config/reported': 'gateway-to-cloud',
  'cmd/req': 'cloud-to-gateway',
  'cmd/res': 'gateway-to-cloud',
};

// The thing name of the certificate's attached thing: a gateway can only ever name itself.
export const THING_NAME_VARIABLE = '${iot:Connection.Thing.ThingName}';

// Client ids of the platform's own connections (ingest replicas and their provisioning responder).
export const BACKEND_CLIENT_ID_PREFIX = 'convergent-';

export const GATEWAY_TEMPLATE_NAME = 'convergent-gateway';

export interface IotArns {
  // arn:<partition>:iot:<region>:<account>
  prefix: string;
}

function channels(direction: Direction): DeviceChannel[] {
  return DEVICE_CHANNELS.filter((channel) => CHANNEL_DIRECTIONS[channel] === direction);
}

export function gatewayPolicy({ prefix }: IotArns): PolicyDocument {
  const own = (kind: 'topic' | 'topicfilter', channel: string) =>
    `${prefix}:${kind}/${TOPIC_ROOT}/${THING_NAME_VARIABLE}/${channel}`;
  const down = channels('cloud-to-gateway');
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // Only a certificate attached to a registered thing, and only as that thing.
        Effect: 'Allow',
        Action: ['iot:Connect'],
        Resource: [`${prefix}:client/${THING_NAME_VARIABLE}`],
        Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
      },
      {
        Effect: 'Allow',
        Action: ['iot:Publish'],
        Resource: channels('gateway-to-cloud').map((channel) => own('topic', channel)),
      },
      { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: down.map((c) => own('topicfilter', c)) },
      { Effect: 'Allow', Action: ['iot:Receive'], Resource: down.map((c) => own('topic', c)) },
    ],
  };
}

// The claim certificate shipped in gateway images: enough to run fleet provisioning by CSR (the
// private key never travels) with the gateway template, nothing else.
export function claimPolicy({ prefix }: IotArns, templateName = GATEWAY_TEMPLATE_NAME): PolicyDocument {
  const apis = [
    '$aws/certificates/create-from-csr/json',
    `$aws/provisioning-templates/${templateName}/provision/json`,
  ];
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['iot:Connect'], Resource: [`${prefix}:client/*`] },
      { Effect: 'Allow', Action: ['iot:Publish'], Resource: apis.map((topic) => `${prefix}:topic/${topic}`) },
      {
        Effect: 'Allow',
        Action: ['iot:Subscribe'],
        Resource: apis.flatMap((topic) =>
          ['accepted', 'rejected'].map((reply) => `${prefix}:topicfilter/${topic}/${reply}`),
        ),
      },
      {
        Effect: 'Allow',
        Action: ['iot:Receive'],
        Resource: apis.flatMap((topic) =>
          ['accepted', 'rejected'].map((reply) => `${prefix}:topic/${topic}/${reply}`),
        ),
      },
    ],
  };
}

// The platform's certificate: ingest replicas share one subscription per ingested channel and per
// gateway reply channel (configuration reports, command answers), and ingest publishes the
// device-control queue's messages on every gateway's cloud-to-gateway channels, the desired
// configuration retained (iot:RetainPublish).
export function backendPolicy({ prefix }: IotArns): PolicyDocument {
  const every = (kind: 'topic' | 'topicfilter', channel: string) =>
    `${prefix}:${kind}/${TOPIC_ROOT}/*/${channel}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['iot:Connect'],
        Resource: [`${prefix}:client/${BACKEND_CLIENT_ID_PREFIX}*`],
      },
      {
        // MQTT wildcards are literal in policy resources: these are exactly the filters ingest uses.
        Effect: 'Allow',
        Action: ['iot:Subscribe'],
        Resource: [...ingestSubscriptionFilters(), ...controlReplySubscriptionFilters()].map(
          (filter) => `${prefix}:topicfilter/${filter}`,
        ),
      },
      {
        Effect: 'Allow',
        Action: ['iot:Receive'],
        Resource: [...INGEST_CHANNELS, ...CONTROL_REPLY_CHANNELS].map((channel) => every('topic', channel)),
      },
      {
        Effect: 'Allow',
        Action: ['iot:Publish'],
        Resource: channels('cloud-to-gateway').map((channel) => every('topic', channel)),
      },
      {
        Effect: 'Allow',
        Action: ['iot:RetainPublish'],
        Resource: [every('topic', 'config/desired')],
      },
    ],
  };
}
