import { Badge, Button, Select, Table } from '@mantine/core';
import { useMutation } from 'urql';
import type { DowntimeReasonsQuery, LossClass } from '../../gql/graphql';
import { AdminListAndCreate, AdminPage } from '../admin/admin-page';
import { CreateForm, useCheckedForm } from '../admin/form-parts';
import { apiErrorFromUrql } from '../api/graphql-http';
import { LOSS_CLASSES, lossClassLabel, validateReason, type ReasonForm } from '../catalog/catalog-forms';
import { CodeAndName } from '../catalog/code-and-name';
import {
  createDowntimeReasonMutation,
  downtimeReasonsQuery,
  updateDowntimeReasonMutation,
  type DowntimeReason,
} from '../catalog/catalog-operations';
import { ErrorMessage } from '../feedback';

export function AdminDowntimeReasonsPage() {
  return (
    <AdminPage
      title="Downtime reasons"
      intro="Reason codes name why a machine stopped. Their loss class decides where the stop lands in the OEE losses. An archived code is no longer offered but stays on the stops it was given."
    >
      <ReasonsAdministration />
    </AdminPage>
  );
}

const selectReasons = (data: DowntimeReasonsQuery) => data.downtimeReasons;

function ReasonsAdministration() {
  return (
    <AdminListAndCreate
      query={downtimeReasonsQuery}
      select={selectReasons}
      createTitle="Add a reason code"
      creator={(reload) => <ReasonCreator onCreated={reload} />}
      listTitle="Reason codes"
      what="reason codes"
      empty="No reason codes yet. Add the first one above."
    >
      {(rows, reload) => <ReasonTable reasons={rows} onChanged={reload} />}
    </AdminListAndCreate>
  );
}

const EMPTY: ReasonForm = { code: '', name: '', lossClass: null };

function ReasonCreator({ onCreated }: { onCreated: () => void }) {
  const { form, setForm, problems, submitWith } = useCheckedForm(EMPTY, validateReason);
  const [result, create] = useMutation(createDowntimeReasonMutation);
  const submit = submitWith(async ({ code, name, lossClass }) => {
    if (!lossClass) return {};
    const answer = await create({ input: { code: code.trim(), name: name.trim(), lossClass } });
    if (answer.data) onCreated();
    return answer;
  });
  return (
    <CreateForm
      onSubmit={submit}
      result={result}
      failed="The reason code could not be added."
      submitLabel="Add reason code"
    >
      <CodeAndName
        code={form.code}
        name={form.name}
        codeHint="Short, as operators and gateways send it, e.g. JAM."
        problems={problems}
        onChange={(change) => setForm({ ...form, ...change })}
      />
      <Select
        label="Loss class"
        placeholder="Choose a loss class"
        data={LOSS_CLASSES}
        value={form.lossClass}
        onChange={(value) => setForm({ ...form, lossClass: value as LossClass | null })}
        error={problems.lossClass}
        required
        allowDeselect={false}
        maw={320}
      />
    </CreateForm>
  );
}

function ReasonTable({ reasons, onChanged }: { reasons: DowntimeReason[]; onChanged: () => void }) {
  const [result, update] = useMutation(updateDowntimeReasonMutation);
  // Archiving is undone with one click, so it needs no confirmation.
  async function setArchived(reason: DowntimeReason, archived: boolean): Promise<void> {
    const answer = await update({ id: reason.id, input: { archived } });
    if (answer.data) onChanged();
  }
  return (
    <>
      {result.error && (
        <ErrorMessage title="The reason code was not changed." error={apiErrorFromUrql(result.error)} />
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped aria-label="Reason codes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Code</Table.Th>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Loss class</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reasons.map((reason) => (
              <Table.Tr key={reason.id}>
                <Table.Th scope="row" fw={500}>
                  {reason.code}
                </Table.Th>
                <Table.Td>{reason.name}</Table.Td>
                <Table.Td>{lossClassLabel(reason.lossClass)}</Table.Td>
                <Table.Td>
                  <Badge miw="max-content" variant="light" color={reason.archivedAt ? 'gray' : 'green'}>
                    {reason.archivedAt ? 'Archived' : 'In use'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={`${reason.archivedAt ? 'Restore' : 'Archive'} ${reason.code}`}
                    onClick={() => void setArchived(reason, !reason.archivedAt)}
                  >
                    {reason.archivedAt ? 'Restore' : 'Archive'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
