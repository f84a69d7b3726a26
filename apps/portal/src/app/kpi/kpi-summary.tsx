import { Alert, Paper, SimpleGrid, Text } from '@mantine/core';
import { useId } from 'react';
import { formatDuration, formatRatio } from '../format/format';
import type { KpiTotals } from './kpi-totals';

// Unknown time is part of planned busy time, so it lowers availability and OEE: say so.
export function unknownTimeNote(totals: KpiTotals): string | null {
  if (totals.unknownTimeMs <= 0) return null;
  const share = totals.plannedBusyTimeMs === 0 ? null : totals.unknownTimeMs / totals.plannedBusyTimeMs;
  return `No machine data for ${formatDuration(totals.unknownTimeMs)} of ${formatDuration(
    totals.plannedBusyTimeMs,
  )} planned time (${formatRatio(share)}): availability and OEE count that time as lost.`;
}

// KPI.md: effectiveness above 100 % means the ideal cycle time is set too long; the true value is
// shown, never clipped, and said.
export function performanceNote(totals: KpiTotals): string | null {
  if (totals.effectiveness === null || totals.effectiveness <= 1) return null;
  return `Performance above 100 % (${formatRatio(totals.effectiveness)}): the machine made parts faster than its ideal cycle time allows, so that ideal cycle time is probably set too long.`;
}

export function KpiSummary({ totals, label }: { totals: KpiTotals; label: string }) {
  const noteId = useId();
  const note = unknownTimeNote(totals);
  const performance = performanceNote(totals);
  const items = [
    ['OEE', totals.oee],
    ['Availability', totals.availability],
    ['Performance', totals.effectiveness],
    ['Quality', totals.quality],
  ] as const;
  return (
    <>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" aria-label={label} m={0}>
        {items.map(([name, value]) => (
          <Paper key={name} withBorder p="sm" radius="md">
            <Text component="dt" size="sm" c="dimmed">
              {name}
            </Text>
            <Text
              component="dd"
              m={0}
              fz={name === 'OEE' ? 28 : 22}
              fw={700}
              aria-describedby={name === 'Availability' && note ? noteId : undefined}
            >
              {formatRatio(value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {note && (
        <Alert color="yellow" variant="light" mt="sm" id={noteId}>
          {note}
        </Alert>
      )}
      {performance && (
        <Alert color="orange" variant="light" mt="sm">
          {performance}
        </Alert>
      )}
    </>
  );
}
