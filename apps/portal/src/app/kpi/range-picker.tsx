import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { GRANULARITIES, type Granularity } from './granularity';
import type { RangeChoice, RangePreset } from './kpi-range';

const OPTIONS: Array<{ value: RangePreset; label: string }> = [
  { value: 'today', label: 'Today' },
  { value: 'last-24h', label: 'Last 24 hours' },
  { value: 'last-7-days', label: 'Last 7 days' },
  { value: 'custom', label: 'Custom' },
];

function isPreset(value: string): value is RangePreset {
  return OPTIONS.some((o) => o.value === value);
}

export function RangePicker({
  choice,
  problem,
  onChange,
}: {
  choice: RangeChoice;
  problem: string | null;
  onChange: (choice: RangeChoice) => void;
}) {
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <SegmentedControl
        aria-label="Time range"
        data={OPTIONS}
        value={choice.preset}
        onChange={(value) => {
          if (isPreset(value)) onChange({ preset: value, fromDate: choice.fromDate, toDate: choice.toDate });
        }}
      />
      {choice.preset === 'custom' && (
        <>
          <TextInput
            type="date"
            label="First day"
            value={choice.fromDate ?? ''}
            onChange={(e) => onChange({ ...choice, fromDate: e.currentTarget.value || null })}
            error={problem !== null}
          />
          <TextInput
            type="date"
            label="Last day"
            value={choice.toDate ?? ''}
            onChange={(e) => onChange({ ...choice, toDate: e.currentTarget.value || null })}
            error={problem ?? undefined}
          />
        </>
      )}
    </Group>
  );
}

function isGranularity(value: string): value is Granularity {
  return GRANULARITIES.some((g) => g.value === value);
}

export function GranularityPicker({
  value,
  onChange,
}: {
  value: Granularity;
  onChange: (granularity: Granularity) => void;
}) {
  return (
    <SegmentedControl
      aria-label="Bucket size"
      data={GRANULARITIES.map(({ value: v, label }) => ({ value: v, label }))}
      value={value}
      onChange={(next) => {
        if (isGranularity(next)) onChange(next);
      }}
    />
  );
}
