import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatDuration } from '../format/format';
import { Empty } from '../feedback';
import type { StateInterval } from './machine-operations';

type State = StateInterval['state'];

export const STATE_STYLE: Record<State, { color: string; label: string }> = {
  running: { color: '#37b24d', label: 'Running' },
  idle: { color: '#fab005', label: 'Idle' },
  down: { color: '#f03e3e', label: 'Down' },
  setup: { color: '#4dabf7', label: 'Setup' },
  planned_stop: { color: '#868e96', label: 'Planned stop' },
  unknown: { color: '#e9ecef', label: 'No data' },
};

const ms = (i: StateInterval) => Date.parse(i.end) - Date.parse(i.start);

// What a band says on hover, on focus and to a screen reader.
export function describeInterval(i: StateInterval, timeZone: string): string {
  const reason = i.reasonCode
    ? ` – ${i.reasonName ? `${i.reasonName} (${i.reasonCode})` : i.reasonCode}`
    : '';
  const from = formatDateTime(new Date(i.start), timeZone);
  const to = formatDateTime(new Date(i.end), timeZone);
  return `${STATE_STYLE[i.state].label}${reason}: ${from} to ${to} (${formatDuration(ms(i))})`;
}

// The machine's states as colour bands across the range, each band as wide as its share of it.
export function StateTimeline({
  intervals,
  from,
  to,
  timeZone,
}: {
  intervals: readonly StateInterval[];
  from: Date;
  to: Date;
  timeZone: string;
}) {
  if (intervals.length === 0) return <Empty>No machine states in this range.</Empty>;
  const span = to.getTime() - from.getTime();
  const totals = new Map<State, number>();
  for (const i of intervals) totals.set(i.state, (totals.get(i.state) ?? 0) + ms(i));
  return (
    <Stack gap={4}>
      <Box
        role="list"
        aria-label={`Machine states from ${formatDateTime(from, timeZone)} to ${formatDateTime(to, timeZone)}`}
        pos="relative"
        h={36}
        bg="gray.0"
        style={{ borderRadius: 4, overflow: 'hidden' }}
      >
        {intervals.map((i) => {
          const text = describeInterval(i, timeZone);
          return (
            <Tooltip
              label={text}
              key={i.start}
              withinPortal
              events={{ hover: true, focus: true, touch: true }}
            >
              <Box
                role="listitem"
                tabIndex={0}
                aria-label={text}
                data-state={i.state}
                pos="absolute"
                top={0}
                h="100%"
                style={{
                  left: `${((Date.parse(i.start) - from.getTime()) / span) * 100}%`,
                  width: `${(ms(i) / span) * 100}%`,
                  background: STATE_STYLE[i.state].color,
                }}
              />
            </Tooltip>
          );
        })}
      </Box>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {formatDateTime(from, timeZone)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(to, timeZone)}
        </Text>
      </Group>
      <Group gap="md" aria-label="Time per state">
        {[...totals].map(([state, total]) => (
          <Group gap={6} key={state}>
            <Box w={12} h={12} style={{ background: STATE_STYLE[state].color, borderRadius: 2 }} />
            <Text size="sm">
              {STATE_STYLE[state].label} {formatDuration(total)}
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
