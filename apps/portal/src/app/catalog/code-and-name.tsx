import { Group, TextInput } from '@mantine/core';

// The code and name every catalog entry has, side by side (stacked on a phone).
export function CodeAndName({
  code,
  name,
  codeHint,
  problems,
  onChange,
}: {
  code: string;
  name: string;
  codeHint: string;
  problems: { code?: string | undefined; name?: string | undefined };
  onChange: (change: { code: string } | { name: string }) => void;
}) {
  return (
    <Group grow align="flex-start" wrap="wrap">
      <TextInput
        label="Code"
        description={codeHint}
        value={code}
        onChange={(e) => onChange({ code: e.currentTarget.value })}
        error={problems.code}
        required
        miw={160}
      />
      <TextInput
        label="Name"
        value={name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        error={problems.name}
        required
        miw={160}
      />
    </Group>
  );
}
