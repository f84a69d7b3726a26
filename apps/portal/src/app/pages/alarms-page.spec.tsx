import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  asset,
  assetPage,
  connectionOf,
  graphQlError,
  mockGraphQl,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

const sites = [asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' })];
const alarm = {
  id: 'a1',
  assetId: 'm1',
  assetName: 'Press 1',
  siteId: 's1',
  message: 'Spindle temperature above 80 °C',
  severity: 'critical',
  state: 'active_unacknowledged',
  raisedAt: '2026-03-10T11:05:00.000Z',
  acknowledgedAt: null,
  clearedAt: null,
  shelvedUntil: null,
  occurrences: 3,
  lastValue: 84.2,
  ruleName: 'Spindle hot',
};

function requests(fetchMock: ReturnType<typeof mockGraphQl>, name: string) {
  return fetchMock.mock.calls
    .map((_, i) => sentRequest(fetchMock, i))
    .filter((r) => r.operationName === name);
}

describe('alarms page', () => {
  it('lists open alarms in the site zone and acknowledges one with a comment', async () => {
    let state = 'active_unacknowledged';
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'operator' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Alarms: () => ({ data: { alarms: { nextCursor: null, nodes: [{ ...alarm, state }] } } }),
      AcknowledgeAlarm: (v) => {
        state = 'active_acknowledged';
        return { data: { acknowledgeAlarm: { id: v['id'], state, acknowledgedAt: '2026-03-10T12:00:00Z' } } };
      },
    });
    renderPortal('#/alarms');
    const table = await screen.findByRole('table', { name: 'Alarms' });
    expect(within(table).getByText('Spindle temperature above 80 °C')).toBeTruthy();
    expect(within(table).getByText('raised 3 times')).toBeTruthy();
    // 11:05 UTC is 12:05 in Berlin.
    expect(within(table).getByText(/12:05/)).toBeTruthy();
    expect(requests(fetchMock, 'Alarms')[0]?.variables['filter']).toEqual({
      states: ['active_unacknowledged', 'active_acknowledged', 'cleared_unacknowledged'],
    });

    fireEvent.click(screen.getByRole('button', { name: /^Acknowledge Spindle/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Acknowledge alarm' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Comment/ }), {
      target: { value: '  checking the coolant ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests(fetchMock, 'AcknowledgeAlarm')[0]?.variables).toEqual({
      id: 'a1',
      comment: 'checking the coolant',
    });
    expect(await within(table).findByText('Active, acknowledged', {})).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Acknowledge Spindle/ })).toBeNull();
  });

  it("keeps the API's refusal in the dialog", async () => {
    mockGraphQl({
      ...signedInAs({ role: 'technician' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Alarms: () => ({ data: { alarms: { nextCursor: null, nodes: [alarm] } } }),
      ClearAlarm: () => graphQlError('CONFLICT', 'the alarm is already cleared'),
    });
    renderPortal('#/alarms');
    fireEvent.click(await screen.findByRole('button', { name: /^Clear Spindle/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Clear alarm' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear' }));
    expect(await within(dialog).findByText('the alarm is already cleared')).toBeTruthy();
    expect(within(dialog).getByText('Clear failed.')).toBeTruthy();
  });

  it('shows who changed the alarm and why, and viewers cannot act', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'viewer' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Alarms: () => ({ data: { alarms: { nextCursor: null, nodes: [alarm] } } }),
      AlarmHistory: () => ({
        data: {
          alarmHistory: connectionOf([
            {
              id: 'h1',
              action: 'raise',
              at: '2026-03-10T11:05:00.000Z',
              comment: null,
              fromState: null,
              toState: 'active_unacknowledged',
              severity: 'critical',
              message: alarm.message,
              userId: null,
            },
            {
              id: 'h2',
              action: 'acknowledge',
              at: '2026-03-10T11:10:00.000Z',
              comment: 'on my way',
              fromState: 'active_unacknowledged',
              toState: 'active_acknowledged',
              severity: 'critical',
              message: null,
              userId: 'u1',
            },
          ]),
        },
      }),
    });
    renderPortal('#/alarms');
    fireEvent.click(await screen.findByRole('button', { name: /^History of Spindle/ }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('“on my way”')).toBeTruthy();
    expect(within(dialog).getByText(/12:05 .*by the rule engine/)).toBeTruthy();
    expect(within(dialog).getByText(/12:10 .*by a user/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Acknowledge Spindle/ })).toBeNull();
  });
});
