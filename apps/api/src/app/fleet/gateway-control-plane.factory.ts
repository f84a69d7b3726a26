import { IoTClient } from '@aws-sdk/client-iot';
import {
  AwsGatewayControlPlane,
  LocalGatewayControlPlane,
  type GatewayControlPlane,
} from '@convergent/platform-data-access-iot';
import type { ApiConfig } from '../api-config';

export function gatewayControlPlane(config: ApiConfig): GatewayControlPlane {
  if (config.IOT_PROFILE === 'local') return new LocalGatewayControlPlane(config.IOT_STATE_DIR);
  return new AwsGatewayControlPlane(new IoTClient(config.AWS_REGION ? { region: config.AWS_REGION } : {}), {
    policyName: config.IOT_GATEWAY_POLICY_NAME,
    thingGroupPrefix: config.IOT_THING_GROUP_PREFIX,
  });
}
