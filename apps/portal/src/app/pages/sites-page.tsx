import { CurrentShiftLine } from '../drill/current-shift-line';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Asset } from '../api/operations';
import { assetPath } from '../assets/asset-labels';
import { countMachinesBelow } from '../assets/asset-tree';
import { useAssets } from '../assets/use-assets';
import { useNow } from '../clock';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatClock, formatCount, formatRatio, usableTimeZone } from '../format/format';
import { startOfLocalDay } from '../format/time-zone';
import { unknownTimeNote } from '../kpi/kpi-summary';
import { useAssetKpis } from '../kpi/use-asset-kpis';
import { PageTitle } from '../shell/page-title';

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

function SiteCard({ site, machineCount }: { site: Asset; machineCount: number }) {
  const timeZone = usableTimeZone(site.timeZone);
  const now = useNow();
  const kpis = useAssetKpis(site.id, startOfLocalDay(now, timeZone), now);
  const headingId = `site-${site.id}`;
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
        Today so far, {formatClock(now, timeZone)} in {timeZone}
        {site.timeZone === timeZone ? '' : ' (the site has no usable time zone)'}
      </Text>
      <CurrentShiftLine assetId={site.id} />
      {kpis.status === 'loading' && <Loading label={`Loading today's figures for ${site.name}…`} />}
      {kpis.status === 'error' && (
        <ErrorMessage title={`Today's figures for ${site.name} could not be loaded.`} error={kpis.error} />
      )}
      {kpis.status === 'success' && (
        <>
          <Group component="dl" gap="lg" mt="sm" aria-label={`${site.name} today`}>
            {(
              [
                ['OEE', kpis.totals.oee],
                ['Availability', kpis.totals.availability],
                ['Performance', kpis.totals.effectiveness],
                ['Quality', kpis.totals.quality],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <Text component="dt" size="xs" c="dimmed">
                  {label}
                </Text>
                <Text component="dd" m={0} fw={700} fz={label === 'OEE' ? 26 : 18}>
                  {formatRatio(value)}
                </Text>
              </div>
            ))}
          </Group>
          {kpis.buckets.length === 0 ? (
            <Text size="sm" c="dimmed" mt="xs">
              No figures for today yet: they appear once the machines&apos; gateways send data.
            </Text>
          ) : (
            kpis.totals.plannedBusyTimeMs === 0 && (
              <Text size="sm" c="dimmed" mt="xs">
                No planned production time today yet (no shift has started), so there is no OEE to show.
              </Text>
            )
          )}
          {unknownTimeNote(kpis.totals) && (
            <Text size="sm" c="yellow.9" mt="xs">
              {unknownTimeNote(kpis.totals)}
            </Text>
          )}
        </>
      )}
    </Card>
  );
}
