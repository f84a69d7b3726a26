import { useCallback } from 'react';
import type { Api } from './api';
import { findMachine, type MachinePlace } from './asset-tree';
import { ErrorMessage, Loading } from './feedback';
import {
  formatCount,
  formatDuration,
  formatHour,
  formatRatio,
  startOfLocalHour,
  usableTimeZone,
} from './format';
import { ApiError } from './graphql-client';
import { totalKpis, type KpiTotals } from './kpi-totals';
import { OeeChart } from './oee-chart';
import { machineKpis, plantAssets, type KpiBucket } from './operations';
import { routeHref } from './route';
import { useQuery } from './use-query';

const HOUR_MS = 3_600_000;

export type Clock = () => Date;
const systemClock: Clock = () => new Date();

interface MachineData {
  place: MachinePlace;
  timeZone: string;
  timeZoneKnown: boolean;
  from: Date;
  buckets: KpiBucket[];
}

export interface MachinePageProps {
  api: Api;
  machineId: string;
  // Injected by tests; must be stable across renders (it is a dependency of the query).
  now?: Clock;
}

export function MachinePage({ api, machineId, now = systemClock }: MachinePageProps) {
  const load = useCallback(
    async (signal: AbortSignal): Promise<MachineData> => {
      // No asset(id) query yet: the list is what tells name, place and the site's time zone.
      const { assets } = await api.request(plantAssets, {}, signal);
      const place = findMachine(assets, machineId);
      if (!place)
        throw new ApiError('NOT_FOUND', 'There is no such machine, or your account may not see it.');
      const siteZone = place.site?.timeZone ?? place.machine.timeZone;
      const timeZone = usableTimeZone(siteZone);
      const to = now();
      // The current (partial) local hour and the 23 before it.
      const from = new Date(startOfLocalHour(to, timeZone).getTime() - 23 * HOUR_MS);
      const { machineKpis: buckets } = await api.request(
        machineKpis,
        { machineId, from: from.toISOString(), to: to.toISOString() },
        signal,
      );
      buckets.sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());
      return { place, timeZone, timeZoneKnown: timeZone === siteZone, from, buckets };
    },
    [api, machineId, now],
  );
  const state = useQuery(load);

  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb">
          <li>
            <a href={routeHref({ name: 'overview' })}>Plant overview</a>
          </li>
          {state.status === 'success' && (
            <>
              {state.data.place.ancestors.map((a) => (
                <li key={a.id}>{a.name}</li>
              ))}
              <li aria-current="page">{state.data.place.machine.name}</li>
            </>
          )}
        </ol>
      </nav>
      <h1 tabIndex={-1}>{state.status === 'success' ? state.data.place.machine.name : 'Machine'}</h1>
      {state.status === 'loading' && <Loading label="Loading the last 24 hours…" />}
      {state.status === 'error' && (
        <ErrorMessage title="This machine could not be loaded." error={state.error} />
      )}
      {state.status === 'success' && <MachineKpis data={state.data} />}
    </>
  );
}

function MachineKpis({ data }: { data: MachineData }) {
  const { buckets, timeZone, from } = data;
  const totals = totalKpis(buckets);
  return (
    <>
      <p className="meta">
        Last 24 hours by hour. Times in {timeZone}
        {data.timeZoneKnown ? '' : ' (the site has no usable time zone)'}.
      </p>
      {buckets.length === 0 ? (
        <p className="empty">No figures for this machine in the last 24 hours.</p>
      ) : (
        <>
          <Summary totals={totals} />
          <figure className="chart">
            <OeeChart
              buckets={buckets}
              rangeStart={from}
              rangeEnd={new Date(from.getTime() + 24 * HOUR_MS)}
              timeZone={timeZone}
              titleId="oee-chart-title"
            />
            <figcaption>
              OEE per hour. Lighter bars are provisional: the hour is still open or may be recomputed.
            </figcaption>
          </figure>
          <KpiTable buckets={buckets} totals={totals} timeZone={timeZone} />
        </>
      )}
    </>
  );
}

const UNKNOWN_TIME_NOTE_ID = 'unknown-time-note';

function Summary({ totals }: { totals: KpiTotals }) {
  // Unknown time is part of planned busy time, so it lowers availability and OEE: say so.
  const unknownTimeNote =
    totals.unknownTimeMs > 0
      ? `No machine data for ${formatDuration(totals.unknownTimeMs)} of ${formatDuration(
          totals.plannedBusyTimeMs,
        )} planned time (${formatRatio(
          totals.plannedBusyTimeMs === 0 ? null : totals.unknownTimeMs / totals.plannedBusyTimeMs,
        )}): availability and OEE count that time as lost.`
      : null;
  const items = [
    ['OEE', totals.oee],
    ['Availability', totals.availability],
    ['Performance', totals.effectiveness],
    ['Quality', totals.quality],
  ] as const;
  return (
    <>
      <dl className="summary" aria-label="Last 24 hours">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd
              aria-describedby={
                label === 'Availability' && unknownTimeNote ? UNKNOWN_TIME_NOTE_ID : undefined
              }
            >
              {formatRatio(value)}
            </dd>
          </div>
        ))}
      </dl>
      {unknownTimeNote && (
        <p className="notice" id={UNKNOWN_TIME_NOTE_ID}>
          {unknownTimeNote}
        </p>
      )}
    </>
  );
}

function KpiTable({
  buckets,
  totals,
  timeZone,
}: {
  buckets: readonly KpiBucket[];
  totals: KpiTotals;
  timeZone: string;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="kpi-table-caption" tabIndex={0}>
      <table className="kpis">
        <caption id="kpi-table-caption">OEE, availability, performance and quality by hour</caption>
        <thead>
          <tr>
            <th scope="col">Hour</th>
            <th scope="col">OEE</th>
            <th scope="col">Availability</th>
            <th scope="col">Performance</th>
            <th scope="col">Quality</th>
            <th scope="col">Planned busy</th>
            <th scope="col">Run</th>
            <th scope="col">No data</th>
            <th scope="col">Good / produced</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.bucketStart.getTime()}>
              <th scope="row">
                {formatHour(b.bucketStart, timeZone)}
                {!b.final && <span className="tag">provisional</span>}
              </th>
              <td>{formatRatio(b.oee)}</td>
              <td>{formatRatio(b.availability)}</td>
              <td>{formatRatio(b.effectiveness)}</td>
              <td>{formatRatio(b.quality)}</td>
              <td>{formatDuration(b.plannedBusyTimeMs)}</td>
              <td>{formatDuration(b.runTimeMs)}</td>
              <td>{formatDuration(b.unknownTimeMs)}</td>
              <td>
                {formatCount(b.producedQuantity - b.scrapQuantity - b.reworkQuantity)} /{' '}
                {formatCount(b.producedQuantity)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{formatRatio(totals.oee)}</td>
            <td>{formatRatio(totals.availability)}</td>
            <td>{formatRatio(totals.effectiveness)}</td>
            <td>{formatRatio(totals.quality)}</td>
            <td>{formatDuration(totals.plannedBusyTimeMs)}</td>
            <td>{formatDuration(totals.runTimeMs)}</td>
            <td>{formatDuration(totals.unknownTimeMs)}</td>
            <td>
              {formatCount(totals.goodQuantity)} / {formatCount(totals.producedQuantity)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
