import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  connectionOf,
  gatewayIdentity,
  mockGraphQl,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

const desired = {
  machines: [
    { key: 'press-1', source: { kind: 'simulator', sensorSampleMs: 5000, sensorDeadband: 0 }, counters: [] },
  ],
};
const reported = {
  machines: [
    { key: 'press-1', source: { kind: 'simulator', sensorSampleMs: 1000, sensorDeadband: 0 }, counters: [] },
  ],
};

function gateway(extra: Record<string, unknown> = {}) {
  return gatewayIdentity('g1', 'Hall 3 gateway', {
    serialNumber: 'GW-0042',
    desiredConfig: JSON.stringify(desired),
    desiredVersion: 2,
    desiredSetAt: '2026-03-10T12:00:00.000Z',
    reportedConfig: JSON.stringify(reported),
    reportedVersion: 1,
    reportedStatus: 'applied',
    reportedError: null,
    reportedAt: '2026-03-10T11:00:00.000Z',
    configDifference: { inSync: false, paths: ['machines.press-1.source.sensorSampleMs'] },
    ...extra,
  });
}

function command(id: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: 'ping',
    args: '{}',
    status,
    issuedAt: '2026-03-10T12:18:00.000Z',
    deadline: '2026-03-10T12:18:30.000Z',
    respondedAt: null,
    completedAt: null,
    result: null,
    error: null,
    ...extra,
  };
}

const commandsAnswer = (nodes: ReturnType<typeof command>[]) => ({
  data: { gateway: { id: 'g1', commands: connectionOf(nodes) } },
});

describe('gateway page', () => {
  it('shows the facts and where the configuration differs, with both values', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'technician' }),
      GatewayDetail: () => ({ data: { gateway: gateway() } }),
      GatewayCommands: () =>
        commandsAnswer([
          command('c1', 'succeeded', {
            result: '{"agentVersion":"1.4.0","buffered":7}',
            respondedAt: '2026-03-10T12:18:01.000Z',
          }),
        ]),
    });
    renderPortal('#/fleet/g1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Hall 3 gateway' })).toBeTruthy();
    expect(screen.getByText('Pending: version 2 desired, the gateway runs version 1')).toBeTruthy();
    const differences = screen.getByRole('table', { name: 'Configuration differences' });
    const row = within(differences).getByRole('row', { name: /sensorSampleMs/ });
    expect(within(row).getByText('5000')).toBeTruthy();
    expect(within(row).getByText('1000')).toBeTruthy();
    // The backlog comes from the newest ping's answer, at the site's time (13:18 in Berlin).
    expect(await screen.findByText(/7 messages unsent \(ping at .*13:18/)).toBeTruthy();
    expect(screen.getByText('GW-0042')).toBeTruthy();
  });

  it('says in sync when the gateway runs the desired version', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'operator' }),
      GatewayDetail: () => ({
        data: {
          gateway: gateway({
            reportedVersion: 2,
            reportedConfig: JSON.stringify(desired),
            configDifference: { inSync: true, paths: [] },
          }),
        },
      }),
      GatewayCommands: () => commandsAnswer([]),
    });
    renderPortal('#/fleet/g1');
    expect(await screen.findByText('In sync: the gateway runs version 2')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Configuration differences' })).toBeNull();
  });

  it("shows the API's field-specific refusal next to the editor and keeps the text", async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'technician' }),
      GatewayDetail: () => ({ data: { gateway: gateway() } }),
      GatewayCommands: () => commandsAnswer([]),
      SetGatewayDesiredConfig: () => ({
        data: null,
        errors: [
          {
            message: 'invalid configuration: config.machines.0.source.host: required: the PLC address',
            extensions: {
              code: 'BAD_USER_INPUT',
              problems: ['config.machines.0.source.host: required: the PLC address'],
            },
          },
        ],
      }),
    });
    renderPortal('#/fleet/g1');
    const editor = await screen.findByRole('textbox', { name: 'Desired configuration' });
    const text = '{"machines":[{"key":"press-1","source":{"kind":"modbus","tags":[]}}]}';
    fireEvent.change(editor, { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: 'Save desired configuration' }));

    const refusal = await screen.findByRole('alert');
    expect(
      within(refusal).getByText('config.machines.0.source.host: required: the PLC address'),
    ).toBeTruthy();
    expect(within(refusal).getByText(/keeps running its current configuration/)).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Desired configuration' }).value).toBe(
      text,
    );
    const sent = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .find((r) => r.operationName === 'SetGatewayDesiredConfig');
    expect(sent?.variables).toEqual({ gatewayId: 'g1', config: text });
  });

  it('refuses text that is not a JSON object before asking the API', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      GatewayDetail: () => ({ data: { gateway: gateway() } }),
      GatewayCommands: () => commandsAnswer([]),
    });
    renderPortal('#/fleet/g1');
    fireEvent.change(await screen.findByRole('textbox', { name: 'Desired configuration' }), {
      target: { value: '{"machines": [' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save desired configuration' }));
    expect(await screen.findByText(/^Not valid JSON/)).toBeTruthy();
    expect(fetchMock.mock.calls.map((_, i) => sentRequest(fetchMock, i).operationName)).not.toContain(
      'SetGatewayDesiredConfig',
    );
  });

  it('sends a command, shows it pending, then its result', async () => {
    let phase: 'before' | 'sent' | 'answered' = 'before';
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'technician' }),
      GatewayDetail: () => ({ data: { gateway: gateway() } }),
      GatewayCommands: () => {
        if (phase === 'before') return commandsAnswer([]);
        // Asked again at the deadline (no live connection in unit tests): by then it has answered.
        const answer =
          phase === 'sent'
            ? commandsAnswer([
                command('c9', 'pending', { deadline: new Date(Date.now() + 200).toISOString() }),
              ])
            : commandsAnswer([command('c9', 'succeeded', { result: '{"uptimeS":12,"buffered":0}' })]);
        if (phase === 'sent') phase = 'answered';
        return answer;
      },
      SendGatewayCommand: () => {
        phase = 'sent';
        return {
          data: { sendGatewayCommand: { id: 'c9', status: 'pending', deadline: '2026-03-10T12:20:30Z' } },
        };
      },
    });
    renderPortal('#/fleet/g1');
    expect(await screen.findByText('No command was sent to this gateway yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send command' }));

    expect(await screen.findByText('waiting for the answer…')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Commands' })).getByText('pending')).toBeTruthy();
    expect(await screen.findByText('uptimeS: 12, buffered: 0')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Commands' })).getByText('succeeded')).toBeTruthy();
    const sent = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .find((r) => r.operationName === 'SendGatewayCommand');
    expect(sent?.variables).toEqual({ gatewayId: 'g1', name: 'ping', timeoutSeconds: 30 });
  });

  it('asks before restarting the connectors, and shows a timed-out command as such', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      GatewayDetail: () => ({ data: { gateway: gateway() } }),
      GatewayCommands: () => commandsAnswer([command('c1', 'timed_out', { name: 'machine-health' })]),
      SendGatewayCommand: () => ({
        data: { sendGatewayCommand: { id: 'c2', status: 'pending', deadline: '2026-03-10T12:20:30Z' } },
      }),
    });
    renderPortal('#/fleet/g1');
    expect(await screen.findByText('timed out')).toBeTruthy();
    expect(screen.getByText('no answer before the deadline')).toBeTruthy();
    fireEvent.click(screen.getByRole('textbox', { name: 'Command' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Restart connectors', hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Send command' }));

    const dialog = await screen.findByRole('dialog', { name: 'Restart connectors' });
    const operations = () => fetchMock.mock.calls.map((_, i) => sentRequest(fetchMock, i).operationName);
    expect(operations()).not.toContain('SendGatewayCommand');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restart connectors' }));
    await waitFor(() => expect(operations()).toContain('SendGatewayCommand'));
  });

  it('pages through the command history, newest first', async () => {
    // Two commands, one a page: the cursor of the newest is where the next page starts.
    const commandsPage = (nodes: ReturnType<typeof command>[], next: string | null) => ({
      data: {
        gateway: {
          id: 'g1',
          commands: {
            ...connectionOf(nodes),
            totalCount: 2,
            pageInfo: { hasNextPage: next !== null, endCursor: next },
          },
        },
      },
    });
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'viewer' }),
      GatewayDetail: () => ({ data: { gateway: gateway() } }),
      GatewayCommands: (variables) =>
        variables['after'] === 'c1'
          ? commandsPage([command('c0', 'failed', { error: 'no such connector' })], null)
          : commandsPage([command('c1', 'succeeded', { result: '{"uptimeS":5}' })], 'c1'),
    });
    renderPortal('#/fleet/g1');
    expect(await screen.findByText('1 of 2 commands')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('no such connector')).toBeTruthy();
    expect(screen.getByText('uptimeS: 5')).toBeTruthy();
    expect(screen.getByText('2 of 2 commands')).toBeTruthy();
    const asked = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .filter((r) => r.operationName === 'GatewayCommands')
      .map((r) => r.variables);
    expect(asked).toEqual([
      { id: 'g1', first: 20, after: null },
      { id: 'g1', first: 20, after: 'c1' },
    ]);
  });

  it('is read-only for viewers and operators', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'viewer' }),
      GatewayDetail: () => ({ data: { gateway: gateway() } }),
      GatewayCommands: () => commandsAnswer([command('c1', 'succeeded', { result: '{}' })]),
    });
    renderPortal('#/fleet/g1');
    expect(await screen.findByText(/your role \(viewer\) may look/)).toBeTruthy();
    expect(await screen.findByRole('table', { name: 'Commands' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Desired configuration' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send command' })).toBeNull();
  });

  it('says when the gateway does not exist for this user', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'viewer' }),
      GatewayDetail: () => ({ data: { gateway: null } }),
    });
    renderPortal('#/fleet/nope');
    expect(await screen.findByRole('heading', { level: 1, name: 'Gateway not found' })).toBeTruthy();
  });
});
