import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { apiErrorFromUrql } from '../api/graphql-http';
import { SEVERITY_COLORS } from '../alarms/alarm-rules';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatDateTime, formatDuration, formatRatio } from '../format/format';
import { KpiSummary } from '../kpi/kpi-summary';
import {
  downtimeParetoQuery,
  kpiLossWaterfallQuery,
  machineStateChangedSubscription,
  maintenanceWarningsQuery,
} from './drill-operations';
import { lossSteps, paretoLabel } from './loss-steps';
import { NextShift } from './next-shift';
import { shiftSpan } from './shift-span';
import { useCurrentShift } from './use-current-shift';

// ECharts loads with the first chart that needs it.
const LossWaterfallChart = lazy(async () => ({
  default: (await import('../charts/loss-charts')).LossWaterfallChart,
}));
const DowntimeParetoChart = lazy(async () => ({
  default: (await import('../charts/loss-charts')).DowntimeParetoChart,
}));

export function CurrentShift({ assetId, timeZone }: { assetId: string; timeZone: string }) {
  const shift = useCurrentShift(assetId);
  if (shift.status === 'error')
    return <ErrorMessage title="The current shift could not be loaded." error={shift.error} />;
  if (shift.status === 'loading') return <Loading label="Loading the current shift…" />;
  const span = shiftSpan(shift.buckets, timeZone);
  if (!span)
    return (
      <>
        <Empty>No shift running.</Empty>
        <NextShift assetId={assetId} timeZone={timeZone} />
      </>
    );
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        {span}, so far
      </Text>
      <KpiSummary totals={shift.totals} label="Current shift so far" />
    </>
  );
}

export function LossSection({
  assetId,
  from,
  to,
  timeZone,
}: {
  assetId: string;
  from: Date;
  to: Date;
  timeZone: string;
}) {
  const variables = { assetId, from: from.toISOString(), to: to.toISOString() };
  const [waterfall] = useQuery({ query: kpiLossWaterfallQuery, variables });
  const [pareto] = useQuery({ query: downtimeParetoQuery, variables });
  const steps = waterfall.data ? lossSteps(waterfall.data.kpiLossWaterfall) : null;
  return (
    <Stack>
      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm">
          Loss waterfall ({formatDateTime(from, timeZone)} – {formatDateTime(to, timeZone)})
        </Text>
        {waterfall.error ? (
          <ErrorMessage title="The losses could not be loaded." error={apiErrorFromUrql(waterfall.error)} />
        ) : !steps ? (
          <Loading label="Loading the losses…" />
        ) : (
          <>
            <Suspense fallback={<Loading label="Loading the chart…" />}>
              <LossWaterfallChart steps={steps} />
            </Suspense>
            <Table aria-label="Loss waterfall">
              <Table.Tbody>
                {steps.map((s) => (
                  <Table.Tr key={s.label}>
                    <Table.Td fw={s.kind === 'total' ? 600 : undefined}>{s.label}</Table.Td>
                    <Table.Td ta="right">
                      {s.ms === null
                        ? '— (no ideal cycle time)'
                        : `${s.kind === 'loss' ? '−' : ''}${formatDuration(s.ms)}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm">
          Downtime by reason (Pareto)
        </Text>
        {pareto.error ? (
          <ErrorMessage title="The downtime could not be loaded." error={apiErrorFromUrql(pareto.error)} />
        ) : !pareto.data ? (
          <Loading label="Loading the downtime…" />
        ) : pareto.data.downtimePareto.length === 0 ? (
          <Empty>No unplanned stops in this range.</Empty>
        ) : (
          <ParetoView entries={pareto.data.downtimePareto} />
        )}
      </Paper>
    </Stack>
  );
}

function ParetoView({ entries }: { entries: Parameters<typeof DowntimeParetoChart>[0]['entries'] }) {
  return (
    <>
      <Suspense fallback={<Loading label="Loading the chart…" />}>
        <DowntimeParetoChart entries={entries} />
      </Suspense>
      <Table aria-label="Downtime by reason">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reason</Table.Th>
            <Table.Th ta="right">Stopped</Table.Th>
            <Table.Th ta="right">Share</Table.Th>
            <Table.Th ta="right">Running share</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={`${e.reasonCode ?? ''}-${e.state}`}>
              <Table.Td>{paretoLabel(e)}</Table.Td>
              <Table.Td ta="right">{formatDuration(e.durationMs)}</Table.Td>
              <Table.Td ta="right">{formatRatio(e.share)}</Table.Td>
              <Table.Td ta="right">{formatRatio(e.cumulativeShare)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

const STATE_COLORS: Record<string, string> = {
  running: 'green',
  idle: 'yellow',
  down: 'red',
  setup: 'orange',
  planned_stop: 'gray',
};

// The machine's state as the gateway reports it, pushed by machineStateChanged (no reload).
export function MachineLiveState({
  machineId,
  siteId,
  timeZone,
}: {
  machineId: string;
  siteId: string | null;
  timeZone: string;
}) {
  const [latest, setLatest] = useState<{ state: string; at: string } | null>(null);
  const handler = useCallback(
    (
      _previous: unknown,
      event: { machineStateChanged: { machineId: string; state: string; at: string } },
    ) => {
      if (event.machineStateChanged.machineId === machineId)
        setLatest({ state: event.machineStateChanged.state, at: event.machineStateChanged.at });
      return null;
    },
    [machineId],
  );
  useSubscription({ query: machineStateChangedSubscription, variables: { siteId } }, handler);
  return (
    <Group gap="xs" aria-live="polite" data-testid="machine-live-state" data-at={latest?.at}>
      <Text size="sm">Live state:</Text>
      {latest ? (
        <>
          <Badge color={STATE_COLORS[latest.state] ?? 'gray'}>{latest.state.replace('_', ' ')}</Badge>
          <Text size="xs" c="dimmed">
            since {formatDateTime(new Date(latest.at), timeZone)}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          waiting for the next change
        </Text>
      )}
    </Group>
  );
}

export function MaintenanceWarnings({ assetId, timeZone }: { assetId: string; timeZone: string }) {
  const [result] = useQuery({ query: maintenanceWarningsQuery, variables: { assetId } });
  return (
    <section aria-labelledby="maintenance-heading">
      <Title order={2} size="h3" id="maintenance-heading" mb="xs">
        Maintenance warnings
      </Title>
      {result.error ? (
        <ErrorMessage title="The warnings could not be loaded." error={apiErrorFromUrql(result.error)} />
      ) : !result.data ? (
        <Loading label="Loading the warnings…" />
      ) : result.data.maintenanceWarnings.totalCount === 0 ? (
        <Empty>No open maintenance warning.</Empty>
      ) : (
        <Stack gap="xs">
          {result.data.maintenanceWarnings.edges.map(({ node: w }) => (
            <Paper withBorder p="sm" radius="md" key={w.id}>
              <Group gap="xs">
                <Badge color={SEVERITY_COLORS[w.severity]}>{w.severity}</Badge>
                <Badge variant="light">{w.kind}</Badge>
                <Text size="sm">{w.message}</Text>
              </Group>
              <Text size="xs" c="dimmed">
                {w.metric} · since {formatDateTime(new Date(w.firstSeenAt), timeZone)} · seen {w.occurrences}{' '}
                times
                {w.predictedAt
                  ? ` · limit likely reached ${formatDateTime(new Date(w.predictedAt), timeZone)}`
                  : ''}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </section>
  );
}
