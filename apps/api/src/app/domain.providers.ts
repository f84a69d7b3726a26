import type { Provider } from '@nestjs/common';
import type { Database } from '@convergent/platform-data-access-db';
import {
  DowntimeReasonRepository,
  MachineCycleTimeRepository,
  ProductRepository,
  ShiftCalendarRepository,
} from '@convergent/assets-data-access-assets';
import { GatewayQueryRepository, GatewayTwinRepository } from '@convergent/fleet-data-access-gateways';
import { MachineStateHistory } from '@convergent/kpi-data-access-kpi';
import { SensorSeriesRepository } from '@convergent/telemetry-data-access-events';
import { DATABASE } from './api.tokens';
import { RequestLoaders } from './graphql/request-loaders';
import { AssetLoaders } from './assets/asset-loaders';
import { AssetFieldsResolver } from './assets/asset-fields.resolver';
import { AssetProductResolver, CatalogResolver, ProductLoader } from './catalog/catalog.resolver';
import { MachineCycleTimeLoader, MachineCycleTimesResolver } from './catalog/machine-cycle-times.resolver';
import { ShiftsResolver } from './shifts/shifts.resolver';
import { GatewayMachineResolver, GatewaysResolver } from './gateways/gateways.resolver';
import { GatewayTwinResolver } from './gateways/gateway-twin.resolver';
import { MachineHistoryResolver } from './machines/machine-history.resolver';

function onDatabase<T>(repository: new (db: Database) => T): Provider {
  return { provide: repository, inject: [DATABASE], useFactory: (db: Database) => new repository(db) };
}

// The asset tree's neighbours (catalog, shift calendars, gateways, a machine's history) and the
// request-scoped loaders behind nested fields.
export const domainProviders: Provider[] = [
  onDatabase(ProductRepository),
  onDatabase(MachineCycleTimeRepository),
  onDatabase(DowntimeReasonRepository),
  onDatabase(ShiftCalendarRepository),
  onDatabase(GatewayQueryRepository),
  onDatabase(GatewayTwinRepository),
  onDatabase(MachineStateHistory),
  onDatabase(SensorSeriesRepository),
  RequestLoaders,
  AssetLoaders,
  ProductLoader,
  MachineCycleTimeLoader,
  AssetFieldsResolver,
  AssetProductResolver,
  CatalogResolver,
  MachineCycleTimesResolver,
  ShiftsResolver,
  GatewaysResolver,
  GatewayMachineResolver,
  GatewayTwinResolver,
  MachineHistoryResolver,
];
