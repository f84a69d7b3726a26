import type { Provider } from '@nestjs/common';
import type { Database } from '@convergent/platform-data-access-db';
import {
  DowntimeReasonRepository,
  ProductRepository,
  ShiftCalendarRepository,
} from '@convergent/assets-data-access-assets';
import { GatewayQueryRepository } from '@convergent/fleet-data-access-gateways';
import { MachineStateHistory } from '@convergent/kpi-data-access-kpi';
import { SensorSeriesRepository } from '@convergent/telemetry-data-access-events';
import { DATABASE } from './api.tokens';
import { RequestLoaders } from './graphql/request-loaders';
import { AssetLoaders } from './assets/asset-loaders';
import { AssetFieldsResolver } from './assets/asset-fields.resolver';
import { AssetProductResolver, CatalogResolver, ProductLoader } from './catalog/catalog.resolver';
import { ShiftsResolver } from './shifts/shifts.resolver';
import { GatewayMachineResolver, GatewaysResolver } from './gateways/gateways.resolver';
import { MachineHistoryResolver } from './machines/machine-history.resolver';

function onDatabase<T>(repository: new (db: Database) => T): Provider {
  return { provide: repository, inject: [DATABASE], useFactory: (db: Database) => new repository(db) };
}

// The asset tree's neighbours (catalog, shift calendars, gateways, a machine's history) and the
// request-scoped loaders behind nested fields.
export const domainProviders: Provider[] = [
  onDatabase(ProductRepository),
  onDatabase(DowntimeReasonRepository),
  onDatabase(ShiftCalendarRepository),
  onDatabase(GatewayQueryRepository),
  onDatabase(MachineStateHistory),
  onDatabase(SensorSeriesRepository),
  RequestLoaders,
  AssetLoaders,
  ProductLoader,
  AssetFieldsResolver,
  AssetProductResolver,
  CatalogResolver,
  ShiftsResolver,
  GatewaysResolver,
  GatewayMachineResolver,
  MachineHistoryResolver,
];
