import { Alert, Badge, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '../format/format';
import { configSync, parseJsonText, prettyConfig, valueAtPath, type ConfigSync } from './gateway-twin';
import type { GatewayDetail } from './gateway-twin-operations';

const SYNC_COLORS: Record<ConfigSync['kind'], string> = {
  none: 'gray',
  'in-sync': 'green',
  pending: 'yellow',
  rejected: 'red',
  differs: 'orange',
};

const SYNC_BADGES: Record<ConfigSync['kind'], string> = {
  none: 'local file',
  'in-sync': 'in sync',
  pending: 'pending',
  rejected: 'rejected',
  differs: 'differs',
};

// Desired next to reported, with the differing fields first: a table of each path's two values
// (the whole documents below, for reading).
export function ConfigComparison({ gateway, timeZone }: { gateway: GatewayDetail; timeZone: string }) {
  const sync = configSync(gateway);
  const desired = parseJsonText(gateway.desiredConfig);
  const reported = parseJsonText(gateway.reportedConfig);
  const paths = gateway.configDifference.paths;
  const at = (iso: string | null | undefined) => (iso ? formatDateTime(new Date(iso), timeZone) : null);
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <Badge color={SYNC_COLORS[sync.kind]} size="lg" variant="light">
          {SYNC_BADGES[sync.kind]}
        </Badge>
        <Text size="sm" role="status">
          {sync.label}
        </Text>
      </Group>
      {gateway.reportedError && (
        <Alert color="red" variant="light" title="The gateway's reason">
          {gateway.reportedError}
        </Alert>
      )}
      {paths.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label="Configuration differences" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Field</Table.Th>
                <Table.Th scope="col">Desired</Table.Th>
                <Table.Th scope="col">Reported</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {paths.map((path) => (
                <Table.Tr key={path} bg="var(--mantine-color-yellow-light)">
                  <Table.Th scope="row" fw={500}>
                    <Code>{path}</Code>
                  </Table.Th>
                  <Table.Td>
                    <Code>{valueAtPath(desired, path) ?? '(absent)'}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Code>{valueAtPath(reported, path) ?? '(absent)'}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ConfigPane
          title={`Desired${gateway.desiredVersion > 0 ? ` (version ${gateway.desiredVersion})` : ''}`}
          when={at(gateway.desiredSetAt) ? `Set ${at(gateway.desiredSetAt)}` : 'Never set from the cloud'}
          label="Desired configuration"
          config={gateway.desiredConfig}
        />
        <ConfigPane
          title={`Reported${
            gateway.reportedVersion !== null && gateway.reportedVersion !== undefined
              ? ` (version ${gateway.reportedVersion}${gateway.reportedStatus ? `, ${gateway.reportedStatus}` : ''})`
              : ''
          }`}
          when={at(gateway.reportedAt) ? `Reported ${at(gateway.reportedAt)}` : 'The gateway never reported'}
          label="Reported configuration"
          config={gateway.reportedConfig}
        />
      </SimpleGrid>
    </Stack>
  );
}

function ConfigPane({
  title,
  when,
  label,
  config,
}: {
  title: string;
  when: string;
  label: string;
  config: string | null | undefined;
}) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      <Text size="xs" c="dimmed">
        {when}
      </Text>
      <Code block aria-label={label} style={{ maxHeight: 360, overflow: 'auto' }}>
        {config ? prettyConfig(config) : '—'}
      </Code>
    </Stack>
  );
}
