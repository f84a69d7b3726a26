import { Badge, ScrollArea, Table } from '@mantine/core';
import { formatCount, formatDuration, formatRatio } from '../format/format';
import type { KpiBucket } from '../api/operations';
import { bucketLabel, granularityUnit, type Granularity } from './granularity';
import type { KpiTotals } from './kpi-totals';

// The exact figures behind the charts, readable by screen readers and copyable.
export function KpiTable({
  buckets,
  totals,
  timeZone,
  granularity,
  caption,
}: {
  buckets: readonly KpiBucket[];
  totals: KpiTotals;
  timeZone: string;
  granularity: Granularity;
  caption: string;
}) {
  const unit = granularityUnit(granularity);
  return (
    <ScrollArea type="auto" role="region" aria-label={caption} tabIndex={0}>
      <Table striped highlightOnHover miw={760} captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{unit.charAt(0).toUpperCase() + unit.slice(1)}</Table.Th>
            <Table.Th scope="col">OEE</Table.Th>
            <Table.Th scope="col">Availability</Table.Th>
            <Table.Th scope="col">Performance</Table.Th>
            <Table.Th scope="col">Quality</Table.Th>
            <Table.Th scope="col">Planned busy</Table.Th>
            <Table.Th scope="col">Run</Table.Th>
            <Table.Th scope="col">No data</Table.Th>
            <Table.Th scope="col">Good / produced</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {buckets.map((b, i) => (
            // Sites in different zones may share a start (an enterprise's days): the index keeps keys apart.
            <Table.Tr key={`${b.bucketStart}/${i}`}>
              <Table.Th scope="row" fw={400}>
                {bucketLabel(b, granularity, timeZone)}
                {!b.final && (
                  <Badge ml={6} size="xs" variant="light" color="gray">
                    provisional
                  </Badge>
                )}
              </Table.Th>
              <Table.Td>{formatRatio(b.oee)}</Table.Td>
              <Table.Td>{formatRatio(b.availability)}</Table.Td>
              <Table.Td>{formatRatio(b.effectiveness)}</Table.Td>
              <Table.Td>{formatRatio(b.quality)}</Table.Td>
              <Table.Td>{formatDuration(b.plannedBusyTimeMs)}</Table.Td>
              <Table.Td>{formatDuration(b.runTimeMs)}</Table.Td>
              <Table.Td>{formatDuration(b.unknownTimeMs)}</Table.Td>
              <Table.Td>
                {formatCount(b.producedQuantity - b.scrapQuantity - b.reworkQuantity)} /{' '}
                {formatCount(b.producedQuantity)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">Total</Table.Th>
            <Table.Td>{formatRatio(totals.oee)}</Table.Td>
            <Table.Td>{formatRatio(totals.availability)}</Table.Td>
            <Table.Td>{formatRatio(totals.effectiveness)}</Table.Td>
            <Table.Td>{formatRatio(totals.quality)}</Table.Td>
            <Table.Td>{formatDuration(totals.plannedBusyTimeMs)}</Table.Td>
            <Table.Td>{formatDuration(totals.runTimeMs)}</Table.Td>
            <Table.Td>{formatDuration(totals.unknownTimeMs)}</Table.Td>
            <Table.Td>
              {formatCount(totals.goodQuantity)} / {formatCount(totals.producedQuantity)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollArea>
  );
}
