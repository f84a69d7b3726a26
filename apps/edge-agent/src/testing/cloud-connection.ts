import {
  MqttConnection,
  type BrokerHandle,
  type MqttConnectionOptions,
} from '@convergent/platform-data-access-iot';

// The platform's side of a test broker: a connection with the backend identity, which may read
// every gateway's topics and write their config/desired.
export function cloudConnection(
  broker: BrokerHandle,
  clientId: string,
  options: Partial<Omit<MqttConnectionOptions, 'host' | 'port' | 'clientId' | 'tls'>> = {},
): MqttConnection {
  return new MqttConnection({
    host: broker.host,
    port: broker.port,
    clientId,
    backend: true,
    tls: {
      certPath: broker.pki.backendCertPath,
      keyPath: broker.pki.backendKeyPath,
      caPath: broker.pki.caCertPath,
    },
    ...options,
  });
}
