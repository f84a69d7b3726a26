import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { Role, UsersQuery } from '../../gql/graphql';
import { AdminListAndCreate, AdminPage } from '../admin/admin-page';
import {
  ROLES,
  roleLabel,
  siteIdsInput,
  validateInvite,
  type InviteForm,
  type Problems,
} from '../admin/admin-forms';
import {
  deactivateUserMutation,
  inviteUserMutation,
  updateMembershipMutation,
  usersQuery,
  type Invitation,
  type Member,
} from '../admin/admin-operations';
import { ConfirmDialog, useConfirmedMutation } from '../admin/confirm-dialog';
import { OneTimeSecret } from '../admin/one-time-secret';
import { useViewerZone } from '../admin/use-viewer-zone';
import { NO_WRAP, ZoneNote } from '../admin/query-view';
import { zoneLabel } from '../admin/viewer-zone';
import { apiErrorFromUrql } from '../api/graphql-http';
import type { Asset } from '../api/operations';
import { useAssets } from '../assets/use-assets';
import { ErrorMessage } from '../feedback';
import { formatDateTime } from '../format/format';

export function AdminUsersPage() {
  return (
    <AdminPage title="Users">
      <UsersAdministration />
    </AdminPage>
  );
}

const selectMembers = (data: UsersQuery) => data.users;

function UsersAdministration() {
  const assets = useAssets();
  const sites = assets.status === 'success' ? assets.assets.filter((a) => a.kind === 'site') : [];
  return (
    <AdminListAndCreate
      query={usersQuery}
      select={selectMembers}
      createTitle="Invite someone"
      // An invitation adds nobody to the list until it is accepted.
      creator={() => <InviteCreator sites={sites} />}
      listTitle="Members"
      what="members"
      empty="Nobody belongs to this organisation yet."
    >
      {(rows, reload) => <MemberTable members={rows} sites={sites} onChanged={reload} />}
    </AdminListAndCreate>
  );
}

function siteNames(siteIds: readonly string[] | null | undefined, sites: readonly Asset[]): string {
  if (!siteIds) return 'All sites';
  if (siteIds.length === 0) return 'No site';
  return siteIds.map((id) => sites.find((s) => s.id === id)?.name ?? 'a site you cannot see').join(', ');
}

// No site chosen means every site, including sites added later (the API's null).
function SiteAccessInput({
  sites,
  value,
  onChange,
  inDialog = false,
}: {
  sites: readonly Asset[];
  value: string[];
  onChange: (siteIds: string[]) => void;
  inDialog?: boolean;
}) {
  return (
    <MultiSelect
      label="Sites"
      description="Leave empty for every site, including sites added later."
      placeholder={value.length === 0 ? 'All sites' : undefined}
      data={sites.map((s) => ({ value: s.id, label: s.name }))}
      value={value}
      onChange={onChange}
      clearable
      clearButtonProps={{ 'aria-label': 'Clear the sites (every site)' }}
      {...(inDialog ? { comboboxProps: { withinPortal: false } } : {})}
    />
  );
}

function InviteCreator({ sites }: { sites: Asset[] }) {
  const [form, setForm] = useState<InviteForm>({ email: '', role: null });
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<Problems<'email' | 'role'>>({});
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [result, invite] = useMutation(inviteUserMutation);
  const zone = useViewerZone();

  if (invitation) {
    const link = `${window.location.origin}${window.location.pathname}#/accept-invitation?token=${encodeURIComponent(invitation.token)}`;
    return (
      <Card withBorder radius="md" maw={640} component="section" aria-labelledby="invitation-heading">
        <Stack>
          <Title order={3} id="invitation-heading">
            Invitation for {invitation.email}
          </Title>
          <Text size="sm">
            {roleLabel(invitation.role)} · {siteNames(invitation.siteIds, sites)} · valid until{' '}
            {formatDateTime(new Date(invitation.expiresAt), zone.timeZone)} ({zoneLabel(zone)})
          </Text>
          <OneTimeSecret label="Invitation link" value={link} testId="invitation-link" />
          <Text size="sm" c="dimmed">
            Send the link to {invitation.email}: it opens a page where they choose their name and password. It
            works once.
          </Text>
          <Group>
            <Button variant="default" onClick={() => setInvitation(null)}>
              Invite someone else
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = validateInvite(form);
    setProblems(found);
    if (Object.keys(found).length > 0 || !form.role) return;
    const siteList = siteIdsInput(siteIds);
    const answer = await invite({
      input: { email: form.email.trim(), role: form.role, ...(siteList ? { siteIds: siteList } : {}) },
    });
    if (answer.data) {
      setInvitation(answer.data.inviteUser);
      setForm({ email: '', role: null });
      setSiteIds([]);
    }
  }

  return (
    <Card withBorder radius="md" maw={520} component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <TextInput
          label="E-mail"
          type="email"
          inputMode="email"
          autoComplete="off"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          error={problems.email}
          required
        />
        <Select
          label="Role"
          placeholder="Choose a role"
          data={ROLES}
          value={form.role}
          onChange={(role) => setForm({ ...form, role: role as Role | null })}
          error={problems.role}
          required
          allowDeselect={false}
        />
        <SiteAccessInput sites={sites} value={siteIds} onChange={setSiteIds} />
        {result.error && (
          <ErrorMessage title="The invitation could not be created." error={apiErrorFromUrql(result.error)} />
        )}
        <Group>
          <Button type="submit" loading={result.fetching}>
            Invite
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function MemberTable({
  members,
  sites,
  onChanged,
}: {
  members: Member[];
  sites: Asset[];
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState<Member | null>(null);
  const deactivation = useConfirmedMutation(
    deactivateUserMutation,
    (member: Member) => ({ userId: member.userId }),
    onChanged,
  );
  const deactivating = deactivation.target;
  const zone = useViewerZone();

  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">E-mail</Table.Th>
              <Table.Th scope="col">Role</Table.Th>
              <Table.Th scope="col">Sites</Table.Th>
              <Table.Th scope="col">Member since</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => (
              <Table.Tr key={member.userId}>
                <Table.Th scope="row" fw={500}>
                  {member.name}
                </Table.Th>
                <Table.Td>{member.email}</Table.Td>
                <Table.Td>{roleLabel(member.role)}</Table.Td>
                <Table.Td>{siteNames(member.siteIds, sites)}</Table.Td>
                <Table.Td style={NO_WRAP}>
                  {formatDateTime(new Date(member.memberSince), zone.timeZone)}
                </Table.Td>
                <Table.Td>
                  {member.active ? (
                    <Badge miw="max-content" color="green" variant="light">
                      Active
                    </Badge>
                  ) : (
                    <Badge miw="max-content" color="gray" variant="light">
                      Deactivated
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {member.active && (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(member)}
                        aria-label={`Change role and sites of ${member.name}`}
                      >
                        Change
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => deactivation.ask(member)}
                        aria-label={`Deactivate ${member.name}`}
                      >
                        Deactivate
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ZoneNote zone={zone} />
      {editing && (
        <MembershipEditor
          member={editing}
          sites={sites}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
      <ConfirmDialog
        {...deactivation.dialog}
        title={`Deactivate ${deactivating?.name ?? ''}`}
        message={`${deactivating?.name ?? 'They'} (${deactivating?.email ?? ''}) lose access to this organisation at once and are signed out here. Their account and other organisations are not affected.`}
        confirmLabel="Deactivate"
      />
    </>
  );
}

function MembershipEditor({
  member,
  sites,
  onClose,
  onSaved,
}: {
  member: Member;
  sites: Asset[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [role, setRole] = useState<Role>(member.role);
  const [siteIds, setSiteIds] = useState<string[]>(member.siteIds ?? []);
  const [result, update] = useMutation(updateMembershipMutation);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const answer = await update({ input: { userId: member.userId, role, siteIds: siteIdsInput(siteIds) } });
    if (answer.data) onSaved();
  }

  return (
    <Modal opened onClose={onClose} title={`Role and sites of ${member.name}`} centered>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Select
            label="Role"
            data={ROLES}
            value={role}
            onChange={(value) => value && setRole(value as Role)}
            allowDeselect={false}
            required
            comboboxProps={{ withinPortal: false }}
          />
          <SiteAccessInput sites={sites} value={siteIds} onChange={setSiteIds} inDialog />
          {result.error && (
            <ErrorMessage title="The change was not saved." error={apiErrorFromUrql(result.error)} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={result.fetching}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
