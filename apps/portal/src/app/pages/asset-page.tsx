import { CurrentShift, LossSection, MachineLiveState, MaintenanceWarnings } from '../drill/drill-sections';
import { FeedingGateways } from '../machine/feeding-gateways';
import { MachineHistory } from '../machine/machine-history';
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Asset, KpiBucket } from '../api/operations';
import { assetPath, KIND_LABELS } from '../assets/asset-labels';
import { findAsset, type AssetPlace } from '../assets/asset-tree';
import { useAssets } from '../assets/use-assets';
import { useNow } from '../clock';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatCount, formatDuration, formatRatio, usableTimeZone } from '../format/format';
import { startOfLocalDay } from '../format/time-zone';
import { parseRangeChoice, rangeSearch, resolveRange, type KpiRange } from '../kpi/kpi-range';
import { KpiSummary } from '../kpi/kpi-summary';
import { KpiTable } from '../kpi/kpi-table';
import type { KpiTotals } from '../kpi/kpi-totals';
import { granularityUnit, parseGranularity, withGranularity, type Granularity } from '../kpi/granularity';
import { GranularityPicker, RangePicker } from '../kpi/range-picker';
import { useAssetKpis } from '../kpi/use-asset-kpis';
import { PageTitle } from '../shell/page-title';

// ECharts is the largest dependency: it loads only when a chart is on screen.
const OeeHistoryChart = lazy(() =>
  import('../charts/kpi-charts').then((m) => ({ default: m.OeeHistoryChart })),
);
const TimeBreakdownChart = lazy(() =>
  import('../charts/kpi-charts').then((m) => ({ default: m.TimeBreakdownChart })),
);

// One page for every level of the tree (site, area, line, machine): the current shift's and
// today's figures, those of a chosen range by hour, shift or day, and the level below with its own figures to drill into.
export function AssetPage() {
  const { assetId = '' } = useParams();
  const state = useAssets();
  if (state.status === 'loading') return <Loading label="Loading…" />;
  if (state.status === 'error')
    return <ErrorMessage title="This page could not be loaded." error={state.error} />;
  const place = findAsset(state.assets, assetId);
  if (!place) {
    return (
      <Stack>
        <PageTitle>Not found</PageTitle>
        <Empty>
          There is no such site, area, line or machine, or your account may not see it.{' '}
          <Anchor component={Link} to="/">
            Go to your sites
          </Anchor>
          .
        </Empty>
      </Stack>
    );
  }
  return <AssetView key={place.asset.id} place={place} />;
}

function AssetView({ place }: { place: AssetPlace }) {
  const { asset, site } = place;
  const siteZone = site?.timeZone ?? null;
  const timeZone = usableTimeZone(siteZone);
  const now = useNow();
  const today = useAssetKpis(asset.id, startOfLocalDay(now, timeZone), now);
  return (
    <Stack gap="lg">
      <nav aria-label="Breadcrumb">
        <Breadcrumbs separator="›" style={{ flexWrap: 'wrap' }}>
          <Anchor component={Link} to="/">
            Sites
          </Anchor>
          {place.ancestors.map((a) => (
            <Anchor component={Link} to={assetPath(a.id)} key={a.id}>
              {a.name}
            </Anchor>
          ))}
          <Text aria-current="page">{asset.name}</Text>
        </Breadcrumbs>
      </nav>
      <div>
        <Group gap="sm" align="center">
          <PageTitle>{asset.name}</PageTitle>
          <Badge variant="light">{KIND_LABELS[asset.kind]}</Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Times in {timeZone}
          {siteZone === timeZone ? '' : ' (the site has no usable time zone)'}
          {asset.kind !== 'machine' &&
            ` · ${formatCount(place.machineCount)} machines, figures summed over all of them`}
        </Text>
        {asset.kind === 'machine' && (
          <MachineLiveState machineId={asset.id} siteId={asset.siteId} timeZone={timeZone} />
        )}
      </div>

      <section aria-labelledby="shift-heading">
        <Title order={2} size="h3" id="shift-heading" mb="xs">
          Current shift
        </Title>
        <CurrentShift assetId={asset.id} timeZone={timeZone} />
      </section>

      <section aria-labelledby="today-heading">
        <Title order={2} size="h3" id="today-heading" mb="xs">
          Today
        </Title>
        {today.status === 'loading' && <Loading label="Loading today's figures…" />}
        {today.status === 'error' && (
          <ErrorMessage title="Today's figures could not be loaded." error={today.error} />
        )}
        {today.status === 'success' && <KpiSummary totals={today.totals} label="Today so far" />}
      </section>

      {place.children.length > 0 && <Children items={place.children} now={now} timeZone={timeZone} />}

      <RangeSection asset={asset} now={now} timeZone={timeZone} />

      {asset.kind === 'machine' && <MachineHistory machineId={asset.id} now={now} timeZone={timeZone} />}

      {asset.kind === 'machine' && <FeedingGateways machineId={asset.id} timeZone={timeZone} />}

      {asset.kind === 'machine' && <MaintenanceWarnings assetId={asset.id} timeZone={timeZone} />}
    </Stack>
  );
}

// The level below, named by its kind when it is one kind ("Lines"), else generically.
function childrenTitle(items: readonly Asset[]): string {
  const kinds = new Set(items.map((i) => i.kind));
  const [only] = kinds;
  return kinds.size === 1 && only ? `${KIND_LABELS[only]}s` : 'Below';
}

function Children({ items, now, timeZone }: { items: Asset[]; now: Date; timeZone: string }) {
  const title = childrenTitle(items);
  return (
    <section aria-labelledby="children-heading">
      <Title order={2} size="h3" id="children-heading" mb="xs">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table highlightOnHover>
          <Table.Caption>Today so far</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">OEE</Table.Th>
              <Table.Th scope="col">Availability</Table.Th>
              <Table.Th scope="col">Performance</Table.Th>
              <Table.Th scope="col">Quality</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((child) => (
              <ChildRow key={child.id} child={child} now={now} timeZone={timeZone} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

function ChildRow({ child, now, timeZone }: { child: Asset; now: Date; timeZone: string }) {
  const kpis = useAssetKpis(child.id, startOfLocalDay(now, timeZone), now);
  const values: Array<number | null> | null =
    kpis.status === 'success'
      ? [kpis.totals.oee, kpis.totals.availability, kpis.totals.effectiveness, kpis.totals.quality]
      : null;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <Anchor component={Link} to={assetPath(child.id)}>
          {child.name}
        </Anchor>
      </Table.Th>
      {kpis.status === 'error' ? (
        <Table.Td colSpan={4} c="red">
          Could not be loaded: {kpis.error.message}
        </Table.Td>
      ) : (
        [0, 1, 2, 3].map((i) => (
          <Table.Td key={i}>{values ? formatRatio(values[i] ?? null) : <Skeleton h={12} w={48} />}</Table.Td>
        ))
      )}
    </Table.Tr>
  );
}

function RangeSection({ asset, now, timeZone }: { asset: Asset; now: Date; timeZone: string }) {
  const [search, setSearch] = useSearchParams();
  const choice = parseRangeChoice(search);
  const granularity = parseGranularity(search);
  const resolved = resolveRange(choice, now, timeZone);
  const range = resolved.ok ? resolved.range : null;
  return (
    <section aria-labelledby="range-heading">
      <Title order={2} size="h3" id="range-heading" mb="xs">
        Chosen range
      </Title>
      <Stack gap="xs">
        <RangePicker
          choice={choice}
          problem={resolved.ok ? null : resolved.problem}
          onChange={(next) => setSearch(rangeSearch(next, search), { replace: true })}
        />
        <GranularityPicker
          value={granularity}
          onChange={(next) => setSearch(withGranularity(search, next), { replace: true })}
        />
      </Stack>
      {range && (
        <RangeFigures
          asset={asset}
          range={range}
          granularity={granularity}
          timeZone={timeZone}
          // Today's totals are already at the top of the page.
          showTotals={choice.preset !== 'today'}
        />
      )}
    </section>
  );
}

function RangeFigures({
  asset,
  range,
  granularity,
  timeZone,
  showTotals,
}: {
  asset: Asset;
  range: KpiRange;
  granularity: Granularity;
  timeZone: string;
  showTotals: boolean;
}) {
  const kpis = useAssetKpis(asset.id, range.from, range.to, granularity);
  const unit = granularityUnit(granularity);
  if (kpis.status === 'loading') return <Loading label={`Loading ${range.label.toLowerCase()}…`} />;
  if (kpis.status === 'error')
    return <ErrorMessage title="These figures could not be loaded." error={kpis.error} />;
  if (kpis.buckets.length === 0) return <Empty>No figures for {asset.name} in this range.</Empty>;
  const chartProps = { buckets: kpis.buckets, from: range.from, to: range.to, timeZone, granularity };
  return (
    <Stack mt="md">
      {showTotals && <KpiSummary totals={kpis.totals} label={range.label} />}
      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm">
          OEE per {unit}
        </Text>
        <Suspense fallback={<Skeleton h={240} />}>
          <OeeHistoryChart {...chartProps} />
        </Suspense>
        <Text size="xs" c="dimmed">
          Lighter bars are provisional: the {unit} is still open or may be recomputed.
        </Text>
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm">
          Where the planned time went
        </Text>
        <Suspense fallback={<Skeleton h={240} />}>
          <TimeBreakdownChart {...chartProps} />
        </Suspense>
      </Paper>
      <LossSection assetId={asset.id} from={range.from} to={range.to} timeZone={timeZone} />
      <Counts totals={kpis.totals} buckets={kpis.buckets} />
      <KpiTable
        buckets={kpis.buckets}
        totals={kpis.totals}
        timeZone={timeZone}
        granularity={granularity}
        caption={`OEE, availability, performance and quality by ${unit}, ${range.label.toLowerCase()}`}
      />
    </Stack>
  );
}

function Counts({ totals, buckets }: { totals: KpiTotals; buckets: readonly KpiBucket[] }) {
  const scrap = buckets.reduce((sum, b) => sum + b.scrapQuantity, 0);
  const rework = buckets.reduce((sum, b) => sum + b.reworkQuantity, 0);
  const setup = buckets.reduce((sum, b) => sum + b.setupTimeMs, 0);
  const stopped = buckets.reduce((sum, b) => sum + b.unplannedStopTimeMs, 0);
  const items = [
    ['Produced', formatCount(totals.producedQuantity)],
    ['Good', formatCount(totals.goodQuantity)],
    ['Scrap', formatCount(scrap)],
    ['Rework', formatCount(rework)],
    ['Running', formatDuration(totals.runTimeMs)],
    ['Changeover', formatDuration(setup)],
    ['Unplanned stops', formatDuration(stopped)],
    ['No data', formatDuration(totals.unknownTimeMs)],
  ] as const;
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="xs" aria-label="Counts and time" m={0}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} fw={600}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
