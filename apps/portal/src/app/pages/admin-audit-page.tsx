import {
  Button,
  Card,
  Code,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import type { AuditLogQuery } from '../../gql/graphql';
import { AdminPage } from '../admin/admin-page';
import {
  auditFilterInput,
  EMPTY_AUDIT_FILTER,
  validateAuditFilter,
  type AuditFilterForm,
} from '../admin/admin-forms';
import { apiKeysQuery, auditLogQuery, usersQuery, type AuditEntry } from '../admin/admin-operations';
import { auditChanges, nameIds, type FieldChange } from '../admin/audit-diff';
import { useViewerZone } from '../admin/use-viewer-zone';
import { NO_WRAP, ZoneNote } from '../admin/query-view';
import { apiErrorFromUrql } from '../api/graphql-http';
import { useConnectionPages } from '../api/use-connection-pages';
import { useAssets } from '../assets/use-assets';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatDateTime } from '../format/format';

export const AUDIT_PAGE_SIZE = 25;

export function AdminAuditPage() {
  return (
    <AdminPage title="Audit log">
      <AuditLog />
    </AdminPage>
  );
}

const selectAuditLog = (data: AuditLogQuery) => data.auditLog;
const NAMES_PAGE = { first: 100 };

function AuditLog() {
  const zone = useViewerZone();
  const [users] = useQuery({ query: usersQuery, variables: NAMES_PAGE });
  const [keys] = useQuery({ query: apiKeysQuery, variables: NAMES_PAGE });
  const assets = useAssets();
  const names = useMemo(
    () =>
      new Map([
        ...(assets.status === 'success' ? assets.assets.map((a) => [a.id, a.name] as const) : []),
        ...(users.data?.users.edges.map((e) => e.node).map((u) => [u.userId, u.name] as const) ?? []),
        ...(keys.data?.apiKeys.edges.map((e) => e.node).map((k) => [k.id, `API key ${k.name}`] as const) ??
          []),
      ]),
    [assets, users.data, keys.data],
  );
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const [applied, setApplied] = useState(() => auditFilterInput(EMPTY_AUDIT_FILTER, zone.timeZone));
  const [problem, setProblem] = useState<string | undefined>();
  const pages = useConnectionPages(auditLogQuery, { filter: applied }, selectAuditLog, AUDIT_PAGE_SIZE);
  const entries = pages.nodes ?? [];

  const userName = (id: string) =>
    users.data?.users.edges.map((e) => e.node).find((u) => u.userId === id)?.name;
  const keyName = (id: string) => keys.data?.apiKeys.edges.map((e) => e.node).find((k) => k.id === id)?.name;
  const actors = [
    { value: '', label: 'Anyone' },
    ...(users.data?.users.edges
      .map((e) => e.node)
      .map((u) => ({ value: `user:${u.userId}`, label: `${u.name} (${u.email})` })) ?? []),
    ...(keys.data?.apiKeys.edges
      .map((e) => e.node)
      .map((k) => ({ value: `key:${k.id}`, label: `API key ${k.name}` })) ?? []),
  ];

  function actorOf(entry: AuditEntry): string {
    if (entry.actorUserId) return userName(entry.actorUserId) ?? `user ${entry.actorUserId}`;
    if (entry.actorApiKeyId) return `API key ${keyName(entry.actorApiKeyId) ?? entry.actorApiKeyId}`;
    return 'the system';
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const found = validateAuditFilter(form);
    setProblem(found.toDay);
    if (!found.toDay) setApplied(auditFilterInput(form, zone.timeZone));
  }

  return (
    <>
      <Card
        withBorder
        radius="md"
        component="form"
        onSubmit={submit}
        noValidate
        aria-label="Filter the audit log"
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <TextInput
              label="Action"
              placeholder="e.g. api_key.create"
              value={form.action}
              onChange={(e) => setForm({ ...form, action: e.currentTarget.value })}
            />
            <TextInput
              label="Entity"
              placeholder="e.g. membership"
              value={form.entityType}
              onChange={(e) => setForm({ ...form, entityType: e.currentTarget.value })}
            />
            <Select
              label="Who"
              data={actors}
              value={form.actor}
              onChange={(actor) => setForm({ ...form, actor: actor ?? '' })}
              allowDeselect={false}
              searchable
            />
            <TextInput
              type="date"
              label="From day"
              value={form.fromDay}
              onChange={(e) => setForm({ ...form, fromDay: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label="To day (inclusive)"
              value={form.toDay}
              onChange={(e) => setForm({ ...form, toDay: e.currentTarget.value })}
              error={problem}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Days are in {zone.timeZone}.
          </Text>
          <Group>
            <Button type="submit">Apply filters</Button>
            <Button
              variant="default"
              onClick={() => {
                setForm(EMPTY_AUDIT_FILTER);
                setProblem(undefined);
                setApplied(auditFilterInput(EMPTY_AUDIT_FILTER, zone.timeZone));
              }}
            >
              Clear
            </Button>
          </Group>
        </Stack>
      </Card>
      {entries.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label="Audit entries, newest first" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">When</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                  <Table.Th scope="col">Entity</Table.Th>
                  <Table.Th scope="col">Changes</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Th scope="row" fw={400} style={NO_WRAP}>
                      {formatDateTime(new Date(entry.at), zone.timeZone)}
                    </Table.Th>
                    <Table.Td>{actorOf(entry)}</Table.Td>
                    <Table.Td>
                      <Code>{entry.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      {entry.entityType}
                      {entry.entityId && (
                        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                          {nameIds(entry.entityId, names)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ChangeList
                        changes={auditChanges(entry.before ?? null, entry.after ?? null)}
                        names={names}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ZoneNote zone={zone} />
        </>
      )}
      {pages.error ? (
        <ErrorMessage title="The audit log could not be loaded." error={apiErrorFromUrql(pages.error)} />
      ) : pages.loading ? (
        <Loading label="Loading audit entries…" />
      ) : entries.length === 0 ? (
        <Empty>No audit entry matches these filters.</Empty>
      ) : pages.hasNextPage ? (
        <Group>
          <Button variant="default" onClick={pages.loadMore}>
            Load more
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          That is every entry that matches.
        </Text>
      )}
    </>
  );
}

const SIGNS: Record<FieldChange['kind'], string> = { added: '+', removed: '−', changed: '~' };

function ChangeList({ changes, names }: { changes: FieldChange[]; names: ReadonlyMap<string, string> }) {
  const show = (value: string | undefined) => (value === undefined ? '' : nameIds(value, names));
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No recorded change
      </Text>
    );
  return (
    <List size="sm" listStyleType="none" spacing={2}>
      {changes.map((change) => (
        <List.Item key={change.field}>
          <Text
            span
            size="sm"
            aria-hidden
            c={change.kind === 'removed' ? 'red' : change.kind === 'added' ? 'green' : 'blue'}
          >
            {SIGNS[change.kind]}{' '}
          </Text>
          <Text span size="sm" fw={500}>
            {change.field}
          </Text>
          {': '}
          {change.kind === 'added' ? (
            <Text span size="sm">
              {show(change.after)} <VisuallyHidden>(added)</VisuallyHidden>
            </Text>
          ) : change.kind === 'removed' ? (
            <Text span size="sm" td="line-through">
              {show(change.before)} <VisuallyHidden>(removed)</VisuallyHidden>
            </Text>
          ) : (
            <Text span size="sm">
              <Text span size="sm" td="line-through" c="dimmed">
                {show(change.before)}
              </Text>{' '}
              → {show(change.after)}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
