import {
  AttributeIds,
  ClientMonitoredItem,
  ClientSubscription,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
  type ClientSession,
  type DataValue,
} from 'node-opcua';
import { describeError, type Connector, type ConnectorHealth } from './connector';
import type { OpcuaSecurityMode, OpcuaSecurityPolicy } from '@convergent/shared-util-contracts';

// OPC UA: one client session per machine with one subscription holding a monitored item per tag,
// so the server pushes changes instead of being polled. The client reconnects by itself with
// back-off and re-establishes the session and the subscription with all its monitored items, so
// a PLC restart needs nothing from the technician.

export interface OpcuaTag {
  name: string;
  nodeId: string;
  sampleMs: number;
}

export interface OpcuaConnectorOptions {
  endpointUrl: string;
  securityMode: OpcuaSecurityMode;
  securityPolicy: OpcuaSecurityPolicy;
  tags: readonly OpcuaTag[];
  // Where the gateway's OPC UA application certificate and trust lists live (Sign modes).
  pkiDir: string;
  // Trust a server certificate never seen before (first use); otherwise it must be placed in
  // <pkiDir>/trusted/certs first.
  acceptUnknownServerCertificate: boolean;
}

export class OpcuaConnector implements Connector {
  private client: OPCUAClient | undefined;
  private session: ClientSession | undefined;
  private certificates: OPCUACertificateManager | undefined;
  private readonly values = new Map<string, number>();
  private state: ConnectorHealth = { status: 'connecting' };
  private connecting: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: OpcuaConnectorOptions) {}

  get description(): string {
    return `OPC UA ${this.options.endpointUrl} (${this.options.securityMode})`;
  }

  start(): Promise<void> {
    // In the background: the client retries an unreachable server for as long as it takes.
    this.connecting = this.connect().catch((error: unknown) => this.fail(error));
    return Promise.resolve();
  }

  read(): Promise<Record<string, number>> {
    if (this.state.status !== 'ok')
      return Promise.reject(new Error(`${this.description}: ${this.state.lastError ?? 'not connected yet'}`));
    return Promise.resolve(Object.fromEntries(this.values));
  }

  health(): ConnectorHealth {
    return { ...this.state };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    await this.session?.close().catch(() => undefined);
    await client?.disconnect().catch(() => undefined);
    await this.connecting;
    await this.certificates?.dispose();
  }

  private async connect(): Promise<void> {
    this.certificates = new OPCUACertificateManager({
      rootFolder: this.options.pkiDir,
      automaticallyAcceptUnknownCertificate: this.options.acceptUnknownServerCertificate,
    });
    await this.certificates.initialize();
    const client = OPCUAClient.create({
      applicationName: 'convergent-edge',
      endpointMustExist: false,
      securityMode: MessageSecurityMode[this.options.securityMode],
      securityPolicy: SecurityPolicy[this.options.securityPolicy],
      clientCertificateManager: this.certificates,
      keepSessionAlive: true,
      connectionStrategy: { initialDelay: 500, maxDelay: 10_000, maxRetry: Number.MAX_SAFE_INTEGER },
    });
    this.client = client;
    client.on('backoff', (attempt: number, delay: number) =>
      this.fail(
        new Error(`cannot reach ${this.options.endpointUrl} (attempt ${attempt}, next in ${delay} ms)`),
      ),
    );
    client.on('connection_lost', () => this.fail(new Error('connection lost, reconnecting')));
    client.on('connection_reestablished', () => {
      this.state = { ...this.state, status: 'ok' };
    });
    await client.connect(this.options.endpointUrl);
    if (this.stopped) return;
    const session = await client.createSession();
    this.session = session;
    const subscription = ClientSubscription.create(session, {
      requestedPublishingInterval: Math.min(...this.options.tags.map((tag) => tag.sampleMs), 1_000),
      requestedLifetimeCount: 600,
      requestedMaxKeepAliveCount: 20,
      maxNotificationsPerPublish: 1_000,
      publishingEnabled: true,
      priority: 10,
    });
    for (const tag of this.options.tags) {
      const item = ClientMonitoredItem.create(
        subscription,
        { nodeId: tag.nodeId, attributeId: AttributeIds.Value },
        { samplingInterval: tag.sampleMs, discardOldest: true, queueSize: 1 },
        TimestampsToReturn.Both,
      );
      item.on('changed', (value: DataValue) => this.record(tag.name, value));
      item.on('err', (message: string) => this.fail(new Error(`${tag.nodeId}: ${message}`)));
    }
    this.state = { status: 'ok' };
  }

  private record(tag: string, dataValue: DataValue): void {
    const value: unknown = dataValue.value.value;
    const number =
      typeof value === 'boolean' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
    if (!dataValue.statusCode.isGood() || !Number.isFinite(number)) {
      this.values.delete(tag);
      return;
    }
    this.values.set(tag, number);
    this.state = { status: 'ok', lastReadAt: Date.now() };
  }

  private fail(error: unknown): void {
    this.state = { ...this.state, status: 'unreachable', lastError: describeError(error) };
  }
}
