export { GatewayRouteRepository } from './gateway-route.repository';
export type { GatewayRoute, GatewayLifecycle } from './gateway-route.repository';
export { GatewayDirectory } from './gateway-directory';
