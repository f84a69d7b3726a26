import { Alert, Button, Code, CopyButton, Stack, Text } from '@mantine/core';

// A secret the API shows once (only its hash is kept): the value, a copy button and the warning.
export function OneTimeSecret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const labelId = `${testId}-label`;
  return (
    <Stack gap="xs">
      <Alert color="yellow" variant="light" title="Shown only now">
        Only a hash is kept: nobody can show it again. Copy it now and hand it over safely.
      </Alert>
      <Text size="sm" fw={600} id={labelId}>
        {label}
      </Text>
      <Code
        block
        aria-labelledby={labelId}
        data-testid={testId}
        style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
      >
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button variant="light" onClick={copy} w="fit-content">
            {copied ? 'Copied' : `Copy ${label.toLowerCase()}`}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}
