import {
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, type AnyVariables, type DocumentInput } from 'urql';
import type { CalendarPart, ShiftCalendarsQuery } from '../../gql/graphql';
import { AdminListAndCreate, AdminPage } from '../admin/admin-page';
import { ConfirmDialog, useConfirmedMutation } from '../admin/confirm-dialog';
import { CreateForm, useCheckedForm } from '../admin/form-parts';
import type { Asset } from '../api/operations';
import { KIND_LABELS } from '../assets/asset-labels';
import { useAssets } from '../assets/use-assets';
import {
  formatDays,
  timeSlotInput,
  validateCalendar,
  validateHoliday,
  validateTimeSlot,
  WEEKDAYS,
  type CalendarForm,
  type HolidayForm,
  type TimeSlotForm,
} from '../catalog/catalog-forms';
import {
  addHolidayMutation,
  addPlannedStopMutation,
  createShiftCalendarMutation,
  deleteShiftCalendarMutation,
  removeCalendarPartMutation,
  setShiftMutation,
  shiftCalendarsQuery,
  type ShiftCalendar,
} from '../catalog/catalog-operations';
import { formatDateTime, usableTimeZone } from '../format/format';

export function AdminShiftCalendarsPage() {
  return (
    <AdminPage
      title="Shift calendars"
      intro="A calendar says when a site, area or line is planned to produce: its shifts, recurring planned stops such as breaks, and holidays. The deepest calendar above a machine applies. Times are local to the site."
    >
      <CalendarsAdministration />
    </AdminPage>
  );
}

const selectCalendars = (data: ShiftCalendarsQuery) => data.shiftCalendars;

function CalendarsAdministration() {
  const assets = useAssets();
  const all = assets.status === 'success' ? assets.assets : [];
  return (
    <AdminListAndCreate
      query={shiftCalendarsQuery}
      select={selectCalendars}
      createTitle="Add a calendar"
      creator={(reload) => <CalendarCreator assets={all} onCreated={reload} />}
      listTitle="Calendars"
      what="shift calendars"
      empty="No calendars yet: every machine counts as planned around the clock."
    >
      {(rows, reload) => (
        <Stack>
          {rows.map((calendar) => (
            <CalendarCard key={calendar.id} calendar={calendar} assets={all} onChanged={reload} />
          ))}
        </Stack>
      )}
    </AdminListAndCreate>
  );
}

function CalendarCreator({ assets, onCreated }: { assets: Asset[]; onCreated: () => void }) {
  const { form, setForm, problems, submitWith } = useCheckedForm<CalendarForm, keyof CalendarForm>(
    { name: '', assetId: null },
    validateCalendar,
  );
  const [result, create] = useMutation(createShiftCalendarMutation);
  const places = assets.filter((a) => a.kind === 'site' || a.kind === 'area' || a.kind === 'line');
  const submit = submitWith(async ({ name, assetId }) => {
    if (!assetId) return {};
    const answer = await create({ input: { name: name.trim(), assetId } });
    if (answer.data) onCreated();
    return answer;
  });
  return (
    <CreateForm
      onSubmit={submit}
      result={result}
      failed="The calendar could not be added."
      submitLabel="Add calendar"
    >
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label="Name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          error={problems.name}
          required
          miw={160}
        />
        <Select
          label="For"
          placeholder="Choose a site, area or line"
          data={places.map((a) => ({ value: a.id, label: `${a.name} (${KIND_LABELS[a.kind]})` }))}
          value={form.assetId}
          onChange={(assetId) => setForm({ ...form, assetId })}
          error={problems.assetId}
          searchable
          required
          miw={160}
        />
      </Group>
    </CreateForm>
  );
}

interface Part {
  id: string;
  part: CalendarPart;
  label: string;
}

function CalendarCard({
  calendar,
  assets,
  onChanged,
}: {
  calendar: ShiftCalendar;
  assets: Asset[];
  onChanged: () => void;
}) {
  const asset = assets.find((a) => a.id === calendar.assetId);
  const site = assets.find((a) => a.id === (asset?.kind === 'site' ? asset.id : asset?.siteId));
  const timeZone = usableTimeZone(site?.timeZone);
  const removal = useConfirmedMutation(
    removeCalendarPartMutation,
    (p: Part) => ({ id: p.id, part: p.part }),
    onChanged,
  );
  const deletion = useConfirmedMutation(
    deleteShiftCalendarMutation,
    (c: ShiftCalendar) => ({ id: c.id }),
    onChanged,
  );
  const headingId = `calendar-${calendar.id}`;
  const slots = [
    ...calendar.shifts.map((s) => ({ ...s, part: 'SHIFT' as const, kind: 'Shift' })),
    ...calendar.plannedStops.map((s) => ({ ...s, part: 'PLANNED_STOP' as const, kind: 'Planned stop' })),
  ];
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <div>
            <Title order={3} size="h4" id={headingId}>
              {calendar.name}
            </Title>
            <Text size="sm" c="dimmed">
              For {asset?.name ?? 'a place you cannot see'} · valid from{' '}
              {formatDateTime(new Date(calendar.validFrom), timeZone)} ({timeZone})
            </Text>
          </div>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={`Delete the calendar ${calendar.name}`}
            onClick={() => deletion.ask(calendar)}
          >
            Delete calendar
          </Button>
        </Group>
        {slots.length + calendar.holidays.length === 0 ? (
          <Text size="sm" c="dimmed">
            No shifts yet: add the first one below.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table aria-label={`Shifts, planned stops and holidays of ${calendar.name}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col">When</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {slots.map((s) => (
                  <PartRow
                    key={s.id}
                    name={s.name}
                    kind={s.kind}
                    when={`${formatDays(s.daysOfWeek)} ${s.startTime}–${s.endTime}`}
                    onRemove={() => removal.ask({ id: s.id, part: s.part, label: s.name })}
                  />
                ))}
                {calendar.holidays.map((h) => (
                  <PartRow
                    key={h.id}
                    name={h.name}
                    kind="Holiday"
                    when={h.date}
                    onRemove={() => removal.ask({ id: h.id, part: 'HOLIDAY', label: h.name })}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TimeSlotCreator
            title="Add a shift"
            calendarId={calendar.id}
            mutation={setShiftMutation}
            onAdded={onChanged}
          />
          <TimeSlotCreator
            title="Add a planned stop"
            calendarId={calendar.id}
            mutation={addPlannedStopMutation}
            onAdded={onChanged}
          />
          <HolidayCreator calendarId={calendar.id} onAdded={onChanged} />
        </SimpleGrid>
      </Stack>
      <ConfirmDialog
        {...removal.dialog}
        title={`Remove ${removal.target?.label ?? ''}`}
        message="Figures computed from now on no longer plan with it."
        confirmLabel="Remove"
      />
      <ConfirmDialog
        {...deletion.dialog}
        title={`Delete ${calendar.name}`}
        message="The calendar goes with its shifts, planned stops and holidays. Machines below it use the next calendar above them, or count as planned around the clock."
        confirmLabel="Delete calendar"
      />
    </Card>
  );
}

function PartRow({
  name,
  kind,
  when,
  onRemove,
}: {
  name: string;
  kind: string;
  when: string;
  onRemove: () => void;
}) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {name}
      </Table.Th>
      <Table.Td>{kind}</Table.Td>
      <Table.Td>{when}</Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          aria-label={`Remove ${kind.toLowerCase()} ${name}`}
          onClick={onRemove}
        >
          Remove
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

const EMPTY_SLOT: TimeSlotForm = { name: '', startTime: '', endTime: '', days: ['1', '2', '3', '4', '5'] };

// A shift and a recurring planned stop are entered alike; only the mutation differs.
function TimeSlotCreator<Data>({
  title,
  calendarId,
  mutation,
  onAdded,
}: {
  title: string;
  calendarId: string;
  mutation: DocumentInput<
    Data,
    { calendarId: string; input: ReturnType<typeof timeSlotInput> } & AnyVariables
  >;
  onAdded: () => void;
}) {
  const { form, setForm, problems, submitWith } = useCheckedForm(EMPTY_SLOT, validateTimeSlot);
  const [result, add] = useMutation(mutation);
  const submit = submitWith(async (slot) => {
    const answer = await add({ calendarId, input: timeSlotInput(slot) });
    if (answer.data) onAdded();
    return answer;
  });
  return (
    <CreateForm
      onSubmit={submit}
      result={result}
      failed="Not added."
      submitLabel={title}
      label={title}
      compact
    >
      <Text fw={600} size="sm">
        {title}
      </Text>
      <TextInput
        label="Name"
        size="xs"
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        error={problems.name}
        required
      />
      <Group grow align="flex-start">
        <TextInput
          type="time"
          label="Starts"
          size="xs"
          value={form.startTime}
          onChange={(e) => setForm({ ...form, startTime: e.currentTarget.value })}
          error={problems.startTime}
          required
        />
        <TextInput
          type="time"
          label="Ends"
          description="Before the start: ends the next day."
          size="xs"
          value={form.endTime}
          onChange={(e) => setForm({ ...form, endTime: e.currentTarget.value })}
          error={problems.endTime}
          required
        />
      </Group>
      <Checkbox.Group
        label="On"
        size="xs"
        value={form.days}
        onChange={(days) => setForm({ ...form, days })}
        error={problems.days}
      >
        <Group gap="xs" mt={4}>
          {WEEKDAYS.map((d) => (
            <Checkbox key={d.value} value={d.value} label={d.label} size="xs" />
          ))}
        </Group>
      </Checkbox.Group>
    </CreateForm>
  );
}

const EMPTY_HOLIDAY: HolidayForm = { date: '', name: '' };

function HolidayCreator({ calendarId, onAdded }: { calendarId: string; onAdded: () => void }) {
  const { form, setForm, problems, submitWith } = useCheckedForm(EMPTY_HOLIDAY, validateHoliday);
  const [result, add] = useMutation(addHolidayMutation);
  const submit = submitWith(async ({ date, name }) => {
    const answer = await add({ calendarId, input: { date, name: name.trim() } });
    if (answer.data) onAdded();
    return answer;
  });
  return (
    <CreateForm
      onSubmit={submit}
      result={result}
      failed="Not added."
      submitLabel="Add a holiday"
      label="Add a holiday"
      compact
    >
      <Text fw={600} size="sm">
        Add a holiday
      </Text>
      <TextInput
        type="date"
        label="Date"
        size="xs"
        value={form.date}
        onChange={(e) => setForm({ ...form, date: e.currentTarget.value })}
        error={problems.date}
        required
      />
      <TextInput
        label="Name"
        size="xs"
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        error={problems.name}
        required
      />
    </CreateForm>
  );
}
