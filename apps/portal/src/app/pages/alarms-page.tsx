import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { AlarmState, Severity } from '../../gql/graphql';
import {
  acknowledgeAlarmMutation,
  alarmChangedSubscription,
  alarmHistoryQuery,
  alarmsQuery,
  clearAlarmMutation,
  type AlarmRow,
} from '../alarms/alarm-operations';
import {
  alarmFilterInput,
  allowedActions,
  commentProblem,
  OPEN_STATES,
  SEVERITIES,
  SEVERITY_COLORS,
  STATE_LABELS,
  type AlarmAction,
  type AlarmFilterForm,
} from '../alarms/alarm-rules';
import { useLiveRefresh } from '../api/use-live-refresh';
import { NO_WRAP } from '../admin/query-view';
import { apiErrorFromUrql } from '../api/graphql-http';
import type { Asset } from '../api/operations';
import { useAssets } from '../assets/use-assets';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatDateTime, usableTimeZone } from '../format/format';
import { useSessionState } from '../session/session-context';
import { PageTitle } from '../shell/page-title';

export const ALARMS_PAGE_SIZE = 50;
const ACTORS = new Set(['admin', 'operator', 'technician']);

export function AlarmsPage() {
  const session = useSessionState();
  const role = session.status === 'signed-in' ? session.session.role : null;
  const assets = useAssets();
  const sites = assets.status === 'success' ? assets.assets.filter((a) => a.kind === 'site') : [];
  const [filter, setFilter] = useState<AlarmFilterForm>({
    severities: [],
    states: [...OPEN_STATES],
    siteId: null,
  });
  const variables = useMemo(() => ({ filter: alarmFilterInput(filter), first: ALARMS_PAGE_SIZE }), [filter]);
  const [result, reexecute] = useQuery({ query: alarmsQuery, variables });
  const liveVariables = useMemo(() => ({ siteId: filter.siteId }), [filter.siteId]);
  const events = useLiveRefresh(alarmChangedSubscription, liveVariables);
  useEffect(() => {
    if (events > 0) reexecute({ requestPolicy: 'network-only' });
  }, [events, reexecute]);
  const [acting, setActing] = useState<{ alarm: AlarmRow; action: AlarmAction } | null>(null);
  const [historyOf, setHistoryOf] = useState<AlarmRow | null>(null);
  const mayAct = role !== null && ACTORS.has(role);

  return (
    <Stack>
      <PageTitle>Alarms</PageTitle>
      <Group align="flex-end">
        <MultiSelect
          label="Severity"
          placeholder="Any"
          data={SEVERITIES.map((s) => ({ value: s, label: s }))}
          value={filter.severities}
          onChange={(v) => setFilter({ ...filter, severities: v as Severity[] })}
          clearable
          miw={200}
        />
        <MultiSelect
          label="State"
          placeholder="Any"
          data={Object.entries(STATE_LABELS).map(([value, label]) => ({ value, label }))}
          value={filter.states}
          onChange={(v) => setFilter({ ...filter, states: v as AlarmState[] })}
          clearable
          miw={260}
        />
        <Select
          label="Site"
          placeholder="All sites"
          data={sites.map((s) => ({ value: s.id, label: s.name }))}
          value={filter.siteId}
          onChange={(siteId) => setFilter({ ...filter, siteId })}
          clearable
        />
      </Group>
      {result.error ? (
        <ErrorMessage title="The alarms could not be loaded." error={apiErrorFromUrql(result.error)} />
      ) : !result.data ? (
        <Loading label="Loading the alarms…" />
      ) : result.data.alarms.nodes.length === 0 ? (
        <Empty>No alarm matches these filters.</Empty>
      ) : (
        <AlarmTable
          alarms={result.data.alarms.nodes}
          sites={sites}
          mayAct={mayAct}
          onAct={(alarm, action) => setActing({ alarm, action })}
          onHistory={setHistoryOf}
        />
      )}
      {result.data?.alarms.nextCursor && (
        <Text size="sm" c="dimmed">
          Showing the newest {ALARMS_PAGE_SIZE}; narrow the filters to see others.
        </Text>
      )}
      {acting && (
        <AlarmActionDialog
          alarm={acting.alarm}
          action={acting.action}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            reexecute({ requestPolicy: 'network-only' });
          }}
        />
      )}
      {historyOf && (
        <AlarmHistoryDialog
          alarm={historyOf}
          zone={zoneOf(historyOf, sites)}
          onClose={() => setHistoryOf(null)}
        />
      )}
    </Stack>
  );
}

function zoneOf(alarm: AlarmRow, sites: Asset[]): string {
  return usableTimeZone(sites.find((s) => s.id === alarm.siteId)?.timeZone);
}

function AlarmTable({
  alarms,
  sites,
  mayAct,
  onAct,
  onHistory,
}: {
  alarms: AlarmRow[];
  sites: Asset[];
  mayAct: boolean;
  onAct: (alarm: AlarmRow, action: AlarmAction) => void;
  onHistory: (alarm: AlarmRow) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped aria-label="Alarms">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Alarm</Table.Th>
            <Table.Th>Asset</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Raised</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alarms.map((alarm) => {
            const zone = zoneOf(alarm, sites);
            return (
              <Table.Tr key={alarm.id}>
                <Table.Td>
                  <Badge color={SEVERITY_COLORS[alarm.severity]}>{alarm.severity}</Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{alarm.message}</Text>
                  {alarm.occurrences > 1 && (
                    <Text size="xs" c="dimmed">
                      raised {alarm.occurrences} times
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{alarm.assetName}</Table.Td>
                <Table.Td style={NO_WRAP}>{STATE_LABELS[alarm.state]}</Table.Td>
                <Table.Td style={NO_WRAP}>{formatDateTime(new Date(alarm.raisedAt), zone)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {mayAct &&
                      allowedActions(alarm.state).map((action) => (
                        <Button
                          key={action}
                          size="xs"
                          variant="light"
                          onClick={() => onAct(alarm, action)}
                          aria-label={`${actionLabel(action)} ${alarm.message} on ${alarm.assetName}`}
                        >
                          {actionLabel(action)}
                        </Button>
                      ))}
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => onHistory(alarm)}
                      aria-label={`History of ${alarm.message} on ${alarm.assetName}`}
                    >
                      History
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function actionLabel(action: AlarmAction): string {
  return action === 'acknowledge' ? 'Acknowledge' : 'Clear';
}

function AlarmActionDialog({
  alarm,
  action,
  onClose,
  onDone,
}: {
  alarm: AlarmRow;
  action: AlarmAction;
  onClose: () => void;
  onDone: () => void;
}) {
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [ackResult, acknowledge] = useMutation(acknowledgeAlarmMutation);
  const [clearResult, clear] = useMutation(clearAlarmMutation);
  const result = action === 'acknowledge' ? ackResult : clearResult;

  async function submit(): Promise<void> {
    const found = commentProblem(comment);
    setProblem(found);
    if (found) return;
    const text = comment.trim();
    const variables = { id: alarm.id, ...(text ? { comment: text } : {}) };
    const answer = action === 'acknowledge' ? await acknowledge(variables) : await clear(variables);
    if (answer.data) onDone();
  }

  const label = actionLabel(action);
  return (
    <Modal opened onClose={onClose} title={`${label} alarm`} centered>
      <Stack>
        <Text size="sm">
          {alarm.message} on {alarm.assetName}
        </Text>
        {action === 'clear' && (
          <Text size="sm" c="dimmed">
            The condition raises it again if it is still there.
          </Text>
        )}
        <Textarea
          label="Comment"
          description="Optional; kept in the alarm's history."
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={problem}
          autosize
          minRows={2}
          data-autofocus
        />
        {result.error && <ErrorMessage title={`${label} failed.`} error={apiErrorFromUrql(result.error)} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={result.fetching}>
            {label}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AlarmHistoryDialog({
  alarm,
  zone,
  onClose,
}: {
  alarm: AlarmRow;
  zone: string;
  onClose: () => void;
}) {
  const [result] = useQuery({
    query: alarmHistoryQuery,
    variables: { alarmId: alarm.id },
    requestPolicy: 'network-only',
  });
  return (
    <Modal opened onClose={onClose} title={`History: ${alarm.message}`} centered size="lg">
      {result.error ? (
        <ErrorMessage title="The history could not be loaded." error={apiErrorFromUrql(result.error)} />
      ) : !result.data ? (
        <Loading label="Loading the history…" />
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={result.data.alarmHistory.edges.length}>
          {result.data.alarmHistory.edges.map(({ node: entry }) => (
            <Timeline.Item key={entry.id} title={`${entry.action} → ${STATE_LABELS[entry.toState]}`}>
              <Text size="xs" c="dimmed">
                {formatDateTime(new Date(entry.at), zone)} ({zone}) ·{' '}
                {entry.userId ? 'by a user' : 'by the rule engine'}
              </Text>
              {entry.comment && <Text size="sm">“{entry.comment}”</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Modal>
  );
}
