import { TOPIC_ROOT, deviceTopic } from '@convergent/shared-util-contracts';

// Mosquitto's dynamic-security plugin, as the local profile uses it: one client per identity (the
// certificate's common name is the username) and one role per gateway granting its own topics only,
// for publish, delivery and SUBSCRIBE alike. An identity without a client here may do nothing at
// all, so a certificate is useless until RegisterThing (or a development registration) adds it.
// These are pure builders of the plugin's JSON file and of its $CONTROL commands.

export const DYNSEC_CONTROL_TOPIC = '$CONTROL/dynamic-security/v1';
export const DYNSEC_RESPONSE_TOPIC = `${DYNSEC_CONTROL_TOPIC}/response`;

export type DynsecAclType =
  | 'publishClientSend'
  | 'publishClientReceive'
  | 'subscribeLiteral'
  | 'subscribePattern'
  | 'unsubscribeLiteral'
  | 'unsubscribePattern';

export interface DynsecAcl {
  acltype: DynsecAclType;
  topic: string;
  allow: boolean;
}

export interface DynsecRole {
  rolename: string;
  acls: DynsecAcl[];
}

export interface DynsecClient {
  username: string;
  roles: Array<{ rolename: string }>;
}

export interface DynsecConfig {
  defaultACLAccess: Record<
    'publishClientSend' | 'publishClientReceive' | 'subscribe' | 'unsubscribe',
    boolean
  >;
  clients: DynsecClient[];
  groups: unknown[];
  roles: DynsecRole[];
}

export interface PlatformIdentities {
  backend: string;
  claim: string;
  shareGroup: string;
}

const GATEWAY_WRITES = ['telemetry', 'state', 'counts', 'presence', 'config/reported', 'cmd/res'] as const;
const GATEWAY_READS = ['config/desired', 'cmd/req'] as const;
const PROVISIONING_REQUESTS = [
  '$aws/certificates/create-from-csr/json',
  '$aws/provisioning-templates/+/provision/json',
];

export function gatewayRoleName(thingName: string): string {
  return `gateway:${thingName}`;
}

function allow(acltype: DynsecAclType, topic: string): DynsecAcl {
  return { acltype, topic, allow: true };
}

// What AWS IoT's policy with ${iot:Connection.Thing.ThingName} grants, for one thing.
export function gatewayRole(thingName: string): DynsecRole {
  return {
    rolename: gatewayRoleName(thingName),
    acls: [
      ...GATEWAY_WRITES.map((channel) => allow('publishClientSend', deviceTopic(thingName, channel))),
      ...GATEWAY_READS.flatMap((channel) => [
        allow('subscribeLiteral', deviceTopic(thingName, channel)),
        allow('publishClientReceive', deviceTopic(thingName, channel)),
      ]),
    ],
  };
}

function platformRoles({ backend, claim, shareGroup }: PlatformIdentities): {
  roles: DynsecRole[];
  clients: DynsecClient[];
} {
  const everyDevice = `${TOPIC_ROOT}/#`;
  const backendRole: DynsecRole = {
    rolename: 'platform:backend',
    acls: [
      allow('publishClientSend', everyDevice),
      allow('publishClientReceive', everyDevice),
      allow('subscribePattern', everyDevice),
      allow('subscribePattern', `$share/${shareGroup}/${everyDevice}`),
      // Fleet provisioning responder (local profile): reads the requests, writes the replies.
      ...PROVISIONING_REQUESTS.flatMap((request) => [
        allow('publishClientSend', `${request}/#`),
        allow('publishClientReceive', `${request}/#`),
        allow('subscribePattern', `${request}/#`),
        allow('publishClientReceive', request),
        allow('subscribePattern', request),
      ]),
      // Registration and revocation of gateways at run time.
      allow('publishClientSend', DYNSEC_CONTROL_TOPIC),
      allow('subscribeLiteral', DYNSEC_RESPONSE_TOPIC),
      allow('publishClientReceive', DYNSEC_RESPONSE_TOPIC),
    ],
  };
  // The shared claim certificate: the provisioning requests (write only, so a claim holder never
  // sees another gateway's CSR or token) and their replies, nothing else.
  const claimRole: DynsecRole = {
    rolename: 'platform:claim',
    acls: PROVISIONING_REQUESTS.flatMap((request) => [
      allow('publishClientSend', request),
      ...['accepted', 'rejected'].flatMap((outcome) => [
        allow('subscribePattern', `${request}/${outcome}`),
        allow('publishClientReceive', `${request}/${outcome}`),
      ]),
    ]),
  };
  return {
    roles: [backendRole, claimRole],
    clients: [
      { username: backend, roles: [{ rolename: backendRole.rolename }] },
      { username: claim, roles: [{ rolename: claimRole.rolename }] },
    ],
  };
}

// The file the plugin starts from: the platform's identities as this version defines them, and
// every gateway registered so far (kept from the existing file, which the plugin rewrites on every
// change). Anything not granted is denied.
export function dynamicSecurityConfig(
  existing: DynsecConfig | null,
  platform: PlatformIdentities,
): DynsecConfig {
  const { roles, clients } = platformRoles(platform);
  const platformUsers = new Set(clients.map((client) => client.username));
  const platformRoleNames = new Set(roles.map((role) => role.rolename));
  return {
    defaultACLAccess: {
      publishClientSend: false,
      publishClientReceive: false,
      subscribe: false,
      unsubscribe: true,
    },
    clients: [
      ...clients,
      ...(existing?.clients ?? []).filter((client) => !platformUsers.has(client.username)),
    ],
    groups: [],
    roles: [...roles, ...(existing?.roles ?? []).filter((role) => !platformRoleNames.has(role.rolename))],
  };
}

export function withGateway(config: DynsecConfig, thingName: string): DynsecConfig {
  const role = gatewayRole(thingName);
  const rest = withoutGateway(config, thingName);
  return {
    ...rest,
    roles: [...rest.roles, role],
    clients: [...rest.clients, { username: thingName, roles: [{ rolename: role.rolename }] }],
  };
}

export function withoutGateway(config: DynsecConfig, thingName: string): DynsecConfig {
  const rolename = gatewayRoleName(thingName);
  return {
    ...config,
    roles: config.roles.filter((role) => role.rolename !== rolename),
    clients: config.clients.filter((client) => client.username !== thingName),
  };
}

export interface DynsecCommand {
  command: string;
  [field: string]: unknown;
}

// Deleting first makes registration idempotent (the plugin refuses to create what exists); the
// "not found" answers to those deletes are expected.
export function registerGatewayCommands(thingName: string): DynsecCommand[] {
  const role = gatewayRole(thingName);
  return [
    ...revokeGatewayCommands(thingName),
    { command: 'createRole', rolename: role.rolename, acls: role.acls },
    { command: 'createClient', username: thingName, roles: [{ rolename: role.rolename }] },
  ];
}

// Deleting the client disconnects it at once; without a client every later operation is denied.
export function revokeGatewayCommands(thingName: string): DynsecCommand[] {
  return [
    { command: 'deleteClient', username: thingName },
    { command: 'deleteRole', rolename: gatewayRoleName(thingName) },
  ];
}
