import ModbusRTU from 'modbus-serial';
import { decodeRegisters, registerCount, type RegisterFormat } from '../signals/register-codec';
import { describeError, type Connector, type ConnectorHealth } from './connector';

// Modbus TCP: one client per machine (PLC), polled. Holding and input registers are decoded per
// the tag's data type, byte and word order and scaling; a coil reads as 0 or 1.

export interface ModbusTag extends Partial<RegisterFormat> {
  name: string;
  area: 'holding' | 'input' | 'coil';
  address: number;
}

export interface ModbusConnectorOptions {
  host: string;
  port: number;
  unitId: number;
  timeoutMs: number;
  tags: readonly ModbusTag[];
  // Between connection attempts while the PLC is unreachable.
  reconnectDelayMs?: number;
}

export class ModbusConnector implements Connector {
  private readonly client = new ModbusRTU();
  private state: ConnectorHealth = { status: 'connecting' };
  private connecting: Promise<void> | undefined;
  private lastAttempt = 0;
  private stopped = false;

  constructor(private readonly options: ModbusConnectorOptions) {
    // An 'error' event without a listener would end the process.
    this.client.on('error', (error: unknown) => this.fail(error));
  }

  get description(): string {
    return `Modbus TCP ${this.options.host}:${this.options.port} unit ${this.options.unitId}`;
  }

  async start(): Promise<void> {
    await this.ensureConnected().catch(() => undefined);
  }

  async read(): Promise<Record<string, number>> {
    await this.ensureConnected();
    const values: Record<string, number> = {};
    try {
      for (const tag of this.options.tags) values[tag.name] = await this.readTag(tag);
    } catch (error) {
      this.fail(error);
      this.client.close(() => undefined);
      throw new Error(`${this.description}: ${describeError(error)}`);
    }
    this.state = { status: 'ok', lastReadAt: Date.now() };
    return values;
  }

  health(): ConnectorHealth {
    return { ...this.state };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await new Promise<void>((resolve) => {
      if (!this.client.isOpen) return resolve();
      this.client.close(() => resolve());
    });
  }

  private async readTag(tag: ModbusTag): Promise<number> {
    if (tag.area === 'coil') {
      const result = await this.client.readCoils(tag.address, 1);
      return result.data[0] === true ? 1 : 0;
    }
    const format: RegisterFormat = { ...tag, type: tag.type ?? 'uint16' };
    const count = registerCount(format.type);
    const result =
      tag.area === 'holding'
        ? await this.client.readHoldingRegisters(tag.address, count)
        : await this.client.readInputRegisters(tag.address, count);
    return decodeRegisters(result.data, format);
  }

  private async ensureConnected(): Promise<void> {
    if (this.client.isOpen) return;
    if (this.stopped) throw new Error(`${this.description} is stopped`);
    this.connecting ??= (async () => {
      const wait = this.lastAttempt + (this.options.reconnectDelayMs ?? 2_000) - Date.now();
      if (wait > 0 && this.lastAttempt > 0) throw new Error(this.state.lastError ?? 'reconnecting');
      this.lastAttempt = Date.now();
      try {
        await this.client.connectTCP(this.options.host, { port: this.options.port });
        this.client.setID(this.options.unitId);
        this.client.setTimeout(this.options.timeoutMs);
      } catch (error) {
        this.fail(error);
        throw new Error(`cannot reach ${this.description}: ${describeError(error)}`);
      }
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private fail(error: unknown): void {
    this.state = { ...this.state, status: 'unreachable', lastError: describeError(error) };
  }
}
