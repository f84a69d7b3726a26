import { Badge, Button, Card, Code, Group, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { ApiDomain, ApiKeysQuery } from '../../gql/graphql';
import { AdminListAndCreate, AdminPage } from '../admin/admin-page';
import {
  API_DOMAINS,
  apiKeyInput,
  emptyApiKeyForm,
  validateApiKey,
  type ApiKeyForm,
  type Problems,
  type ScopeChoice,
} from '../admin/admin-forms';
import {
  apiKeysQuery,
  createApiKeyMutation,
  revokeApiKeyMutation,
  type ApiKey,
  type CreatedApiKey,
} from '../admin/admin-operations';
import { ConfirmDialog, useConfirmedMutation } from '../admin/confirm-dialog';
import { OneTimeSecret } from '../admin/one-time-secret';
import { useViewerZone } from '../admin/use-viewer-zone';
import { NO_WRAP, ZoneNote } from '../admin/query-view';
import type { ViewerZone } from '../admin/viewer-zone';
import { apiErrorFromUrql } from '../api/graphql-http';
import { useNow } from '../clock';
import { ErrorMessage } from '../feedback';
import { formatDateTime } from '../format/format';

export function AdminApiKeysPage() {
  return (
    <AdminPage
      title="API keys"
      intro="A partner system (ERP, BI, MES) uses an API key instead of signing in. Each key may read, or read and write, only the parts of the API you choose."
    >
      <ApiKeysAdministration />
    </AdminPage>
  );
}

const selectKeys = (data: ApiKeysQuery) => data.apiKeys;

function ApiKeysAdministration() {
  const zone = useViewerZone();
  return (
    <AdminListAndCreate
      query={apiKeysQuery}
      select={selectKeys}
      createTitle="Create a key"
      creator={(reload) => <ApiKeyCreator zone={zone} onCreated={reload} />}
      listTitle="Keys"
      what="API keys"
      empty="There is no API key yet."
    >
      {(rows, reload) => <ApiKeyTable keys={rows} zone={zone} onRevoked={reload} />}
    </AdminListAndCreate>
  );
}

const ACCESS_LABELS: Record<ScopeChoice, string> = {
  NONE: 'No access',
  READ: 'Read',
  READ_WRITE: 'Read and write',
};

function ApiKeyCreator({ zone, onCreated }: { zone: ViewerZone; onCreated: () => void }) {
  const now = useNow();
  const [form, setForm] = useState<ApiKeyForm>(emptyApiKeyForm);
  const [problems, setProblems] = useState<Problems<'name' | 'scopes' | 'expiresOn'>>({});
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [result, create] = useMutation(createApiKeyMutation);

  if (created) {
    return (
      <Card withBorder radius="md" maw={640} component="section" aria-labelledby="api-key-heading">
        <Stack>
          <Title order={3} id="api-key-heading">
            API key “{created.apiKey.name}”
          </Title>
          <OneTimeSecret label="Key" value={created.key} testId="api-key-secret" />
          <Text size="sm">
            Send it as <Code>X-Api-Key: {'<key>'}</Code> or <Code>Authorization: Bearer {'<key>'}</Code>.
            {created.apiKey.expiresAt
              ? ` It stops working ${formatDateTime(new Date(created.apiKey.expiresAt), zone.timeZone)} (${zone.timeZone}).`
              : ' It does not expire; revoke it when it is no longer needed.'}
          </Text>
          <Group>
            <Button variant="default" onClick={() => setCreated(null)}>
              Done
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  }

  function setScope(domain: ApiDomain, access: string): void {
    setForm({ ...form, scopes: { ...form.scopes, [domain]: access as ScopeChoice } });
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = validateApiKey(form, now, zone.timeZone);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const answer = await create({ input: apiKeyInput(form, zone.timeZone) });
    if (answer.data) {
      setCreated(answer.data.createApiKey);
      setForm(emptyApiKeyForm());
      onCreated();
    }
  }

  return (
    <Card withBorder radius="md" maw={640} component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <TextInput
          label="Name"
          description="What uses the key, so you know what breaks when you revoke it."
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          error={problems.name}
          required
          maxLength={200}
        />
        <Stack gap="xs" role="group" aria-labelledby="scopes-label" aria-describedby="scopes-error">
          <Text size="sm" fw={500} id="scopes-label">
            Access
          </Text>
          {API_DOMAINS.map(({ value: domain, label }) => (
            <Radio.Group
              key={domain}
              label={label}
              value={form.scopes[domain]}
              onChange={(v) => setScope(domain, v)}
            >
              <Group gap="md" mt={4}>
                {(Object.keys(ACCESS_LABELS) as ScopeChoice[]).map((access) => (
                  <Radio key={access} value={access} label={ACCESS_LABELS[access]} />
                ))}
              </Group>
            </Radio.Group>
          ))}
          {problems.scopes && (
            <Text c="red" size="sm" id="scopes-error" role="alert">
              {problems.scopes}
            </Text>
          )}
        </Stack>
        <TextInput
          type="date"
          label="Valid until (optional)"
          description={`Works to the end of this day (${zone.timeZone}); leave empty for no expiry.`}
          value={form.expiresOn}
          onChange={(e) => setForm({ ...form, expiresOn: e.currentTarget.value })}
          error={problems.expiresOn}
        />
        {result.error && (
          <ErrorMessage title="The key could not be created." error={apiErrorFromUrql(result.error)} />
        )}
        <Group>
          <Button type="submit" loading={result.fetching}>
            Create API key
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function keyStatus(key: ApiKey, now: Date): { label: string; color: string } {
  if (key.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (key.expiresAt && Date.parse(key.expiresAt) <= now.getTime())
    return { label: 'Expired', color: 'orange' };
  return { label: 'Active', color: 'green' };
}

function ApiKeyTable({ keys, zone, onRevoked }: { keys: ApiKey[]; zone: ViewerZone; onRevoked: () => void }) {
  const now = useNow();
  const revocation = useConfirmedMutation(revokeApiKeyMutation, (key: ApiKey) => ({ id: key.id }), onRevoked);
  const revoking = revocation.target;
  const when = (iso: string | null | undefined, none: string) =>
    iso ? formatDateTime(new Date(iso), zone.timeZone) : none;

  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table striped aria-label="API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Prefix</Table.Th>
              <Table.Th scope="col">Access</Table.Th>
              <Table.Th scope="col">Last used</Table.Th>
              <Table.Th scope="col">Expires</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((key) => {
              const status = keyStatus(key, now);
              return (
                <Table.Tr key={key.id}>
                  <Table.Th scope="row" fw={500}>
                    {key.name}
                  </Table.Th>
                  <Table.Td>
                    <Code>cvk_{key.prefix}_…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {key.scopes.map((s) => (
                        <Badge
                          miw="max-content"
                          key={s.domain}
                          variant="light"
                          color={s.access === 'READ' ? 'blue' : 'grape'}
                        >
                          {s.domain}: {s.access === 'READ' ? 'read' : 'read-write'}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td style={NO_WRAP}>{when(key.lastUsedAt, 'Never')}</Table.Td>
                  <Table.Td style={NO_WRAP}>{when(key.expiresAt, 'Never')}</Table.Td>
                  <Table.Td>
                    <Badge miw="max-content" color={status.color} variant="light">
                      {status.label}
                    </Badge>
                    {key.revokedAt && (
                      <Text size="xs" c="dimmed">
                        {when(key.revokedAt, '')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!key.revokedAt && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => revocation.ask(key)}
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ZoneNote zone={zone} />
      <ConfirmDialog
        {...revocation.dialog}
        title={`Revoke ${revoking?.name ?? ''}`}
        message={`Every request with the key cvk_${revoking?.prefix ?? ''}_… is refused from now on. This cannot be undone: the partner needs a new key.`}
        confirmLabel="Revoke key"
      />
    </>
  );
}
