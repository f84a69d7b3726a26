import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Asset } from '../api/operations';
import { assetPath } from '../assets/asset-labels';
import { countMachinesBelow } from '../assets/asset-tree';
import { useAssets } from '../assets/use-assets';
import { useNow } from '../clock';
import { NextShift } from '../drill/next-shift';
import { shiftSpan } from '../drill/shift-span';
import { useCurrentShift } from '../drill/use-current-shift';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatClock, formatCount, usableTimeZone } from '../format/format';
import { KpiSummary } from '../kpi/kpi-summary';
import type { KpiTotals } from '../kpi/kpi-totals';
import { PageTitle } from '../shell/page-title';
import { SiteStatus } from '../sites/site-status';

export function SitesPage() {
  const state = useAssets();
  return (
    <Stack>
      <PageTitle>Sites</PageTitle>
      {state.status === 'loading' && <Loading label="Loading your sites…" />}
      {state.status === 'error' && (
        <ErrorMessage title="Your sites could not be loaded." error={state.error} />
      )}
      {state.status === 'success' && <SiteList assets={state.assets} />}
    </Stack>
  );
}

function SiteList({ assets }: { assets: Asset[] }) {
  const sites = assets.filter((a) => a.kind === 'site');
  if (sites.length === 0) {
    return (
      <Empty>
        No sites to show. Either none has been set up yet, or your account may not see any: ask your
        administrator.
      </Empty>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {sites.map((site) => (
        <SiteCard key={site.id} site={site} machineCount={countMachinesBelow(assets, site.id)} />
      ))}
    </SimpleGrid>
  );
}

// Each site in its own zone and its own shift: sites abroad are usually in another one, or off.
function SiteCard({ site, machineCount }: { site: Asset; machineCount: number }) {
  const timeZone = usableTimeZone(site.timeZone);
  const now = useNow();
  const shift = useCurrentShift(site.id);
  const headingId = `site-${site.id}`;
  const span = shift.status === 'success' ? shiftSpan(shift.buckets, timeZone) : null;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3" id={headingId}>
          <Anchor component={Link} to={assetPath(site.id)}>
            {site.name}
          </Anchor>
        </Title>
        <Badge variant="light">{formatCount(machineCount)} machines</Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {span ? `Current shift ${span}, so far` : 'Current shift'} · {formatClock(now, timeZone)} in{' '}
        {timeZone}
        {site.timeZone === timeZone ? '' : ' (the site has no usable time zone)'}
      </Text>
      {shift.status === 'loading' && <Loading label={`Loading the current shift of ${site.name}…`} />}
      {shift.status === 'error' && (
        <ErrorMessage title={`The current shift of ${site.name} could not be loaded.`} error={shift.error} />
      )}
      {shift.status === 'success' &&
        (span ? (
          <ShiftFigures totals={shift.totals} label={`${site.name}, current shift so far`} />
        ) : (
          <>
            <Text fw={600} mt="sm">
              No shift running.
            </Text>
            <NextShift assetId={site.id} timeZone={timeZone} />
          </>
        ))}
      <SiteStatus siteId={site.id} />
    </Card>
  );
}

function ShiftFigures({ totals, label }: { totals: KpiTotals; label: string }) {
  if (totals.plannedBusyTimeMs === 0)
    return (
      <Text size="sm" c="dimmed" mt="sm">
        No planned production time in this shift so far (a planned stop, or it has only just begun), so there
        is no OEE to show.
      </Text>
    );
  return (
    <Stack gap={0} mt="sm">
      <KpiSummary totals={totals} label={label} />
    </Stack>
  );
}
