import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  asset,
  assetPage,
  connectionOf,
  mockGraphQl,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

const assets = [
  asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' }),
  asset('l1', 'line', 's1', { name: 'Line 1', siteId: 's1' }),
];
const calendar = {
  id: 'c1',
  name: 'Two shifts',
  assetId: 's1',
  validFrom: '2026-03-01T23:00:00.000Z',
  shifts: [{ id: 'sh1', name: 'Early', startTime: '06:00', endTime: '14:00', daysOfWeek: [1, 2, 3, 4, 5] }],
  plannedStops: [],
  holidays: [{ id: 'h1', date: '2026-12-25', name: 'Christmas' }],
};

function calendars(nodes: unknown[]) {
  return { data: { shiftCalendars: connectionOf(nodes) } };
}

function sent(fetchMock: ReturnType<typeof mockGraphQl>, name: string) {
  return fetchMock.mock.calls
    .map((_, i) => sentRequest(fetchMock, i))
    .filter((r) => r.operationName === name);
}

describe('shift calendars page', () => {
  it("shows each calendar's shifts and holidays, valid from in the site's zone", async () => {
    mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      ShiftCalendars: () => calendars([calendar]),
    });
    renderPortal('#/admin/shift-calendars');
    const section = await screen.findByRole('region', { name: 'Two shifts' });
    expect(section.textContent).toContain('For Berlin plant');
    expect(section.textContent).toContain('Mar 2, 2026'); // local midnight in Berlin
    const table = within(section).getByRole('table');
    expect(within(table).getByRole('row', { name: /Early/ }).textContent).toContain('Mon–Fri 06:00–14:00');
    expect(within(table).getByRole('row', { name: /Christmas/ }).textContent).toContain('2026-12-25');
  });

  it('creates a calendar for a chosen place and adds a night shift with its weekdays', async () => {
    let list: unknown[] = [];
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      ShiftCalendars: () => calendars(list),
      CreateShiftCalendar: () => {
        list = [{ ...calendar, assetId: 'l1', shifts: [], holidays: [] }];
        return { data: { createShiftCalendar: { id: 'c1' } } };
      },
      SetShift: () => ({ data: { setShift: { id: 'c1' } } }),
    });
    renderPortal('#/admin/shift-calendars');
    await screen.findByText(/No calendars yet/, {});
    fireEvent.click(screen.getByRole('button', { name: 'Add calendar' }));
    expect(await screen.findByText('Choose the site, area or line the calendar is for.')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Two shifts' } });
    fireEvent.click(screen.getByRole('textbox', { name: /For/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Line 1 (Line)', hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Add calendar' }));
    const section = await screen.findByRole('region', { name: 'Two shifts' });
    expect(sent(fetchMock, 'CreateShiftCalendar')[0]?.variables).toEqual({
      input: { name: 'Two shifts', assetId: 'l1' },
    });

    const form = within(section).getByRole('form', { name: 'Add a shift' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a shift' }));
    expect(await within(form).findByText('Enter a local time such as 06:00.')).toBeTruthy();
    fireEvent.change(within(form).getByRole('textbox', { name: /Name/ }), { target: { value: 'Night' } });
    fireEvent.change(within(form).getByLabelText(/Starts/), { target: { value: '22:00' } });
    fireEvent.change(within(form).getByLabelText(/Ends/), { target: { value: '06:00' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Sun' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add a shift' }));
    await waitFor(() => expect(sent(fetchMock, 'SetShift')).toHaveLength(1));
    expect(sent(fetchMock, 'SetShift')[0]?.variables).toEqual({
      calendarId: 'c1',
      input: { name: 'Night', startTime: '22:00', endTime: '06:00', daysOfWeek: [1, 2, 3, 4, 5, 7] },
    });
  });
});
