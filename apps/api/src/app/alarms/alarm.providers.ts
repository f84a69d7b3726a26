import type { Provider } from '@nestjs/common';
import type { Database } from '@convergent/platform-data-access-db';
import { LiveEventPublisher } from '@convergent/platform-data-access-queue';
import { AlarmAdmin, AlarmCommands, AlarmQueries } from '@convergent/alarms-data-access-alarms';
import { DATABASE } from '../api.tokens';
import { ALARM_LIVE_EVENTS } from './alarm.tokens';
import { AlarmRulesResolver } from './alarm-rules.resolver';
import { AlarmsResolver } from './alarms.resolver';
import { NotificationsResolver } from './notifications.resolver';

export interface AlarmApiOptions {
  // Where alarm.changed live events go after a user's action; without Redis the API publishes
  // nothing and live views catch up on their next query.
  redisUrl?: string;
  queuePrefix?: string;
}

// Registered in AppModule with one spread: the alarms feature brings its own repositories.
export function alarmProviders(options: AlarmApiOptions): Provider[] {
  return [
    { provide: AlarmQueries, inject: [DATABASE], useFactory: (db: Database) => new AlarmQueries(db) },
    { provide: AlarmCommands, inject: [DATABASE], useFactory: (db: Database) => new AlarmCommands(db) },
    { provide: AlarmAdmin, inject: [DATABASE], useFactory: (db: Database) => new AlarmAdmin(db) },
    {
      provide: ALARM_LIVE_EVENTS,
      useFactory: () =>
        options.redisUrl
          ? new LiveEventPublisher(options.redisUrl, options.queuePrefix)
          : { publish: () => Promise.resolve() },
    },
    AlarmsResolver,
    AlarmRulesResolver,
    NotificationsResolver,
  ];
}
