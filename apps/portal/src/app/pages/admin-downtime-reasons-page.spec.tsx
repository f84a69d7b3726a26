import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { assetPage, connectionOf, mockGraphQl, renderPortal, sentRequest, signedInAs } from '../spec-helpers';

const jam = { id: 'r1', code: 'JAM', name: 'Material jam', lossClass: 'minor_stop', archivedAt: null };

function reasons(nodes: unknown[]) {
  return {
    data: { downtimeReasons: connectionOf(nodes) },
  };
}

function sent(fetchMock: ReturnType<typeof mockGraphQl>, name: string) {
  return fetchMock.mock.calls
    .map((_, i) => sentRequest(fetchMock, i))
    .filter((r) => r.operationName === name);
}

describe('downtime reasons page', () => {
  it('adds a reason code in a loss class, asking for the class first', async () => {
    let list: unknown[] = [];
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage([]) } }),
      DowntimeReasons: () => reasons(list),
      CreateDowntimeReason: () => {
        list = [jam];
        return { data: { createDowntimeReason: { id: 'r1' } } };
      },
    });
    renderPortal('#/admin/downtime-reasons');
    expect(await screen.findByText('No reason codes yet. Add the first one above.', {})).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Code/ }), { target: { value: 'JAM' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Material jam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add reason code' }));
    expect(await screen.findByText('Choose where the stop lands in the OEE losses.')).toBeTruthy();
    expect(sent(fetchMock, 'CreateDowntimeReason')).toHaveLength(0);

    fireEvent.click(screen.getByRole('textbox', { name: /Loss class/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Minor stop', hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Add reason code' }));
    const row = await screen.findByRole('row', { name: /JAM/ });
    expect(row.textContent).toContain('Minor stop');
    expect(row.textContent).toContain('In use');
    expect(sent(fetchMock, 'CreateDowntimeReason')[0]?.variables).toEqual({
      input: { code: 'JAM', name: 'Material jam', lossClass: 'minor_stop' },
    });
  });

  it('archives a code and restores it', async () => {
    let current: Omit<typeof jam, 'archivedAt'> & { archivedAt: string | null } = jam;
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage([]) } }),
      DowntimeReasons: () => reasons([current]),
      UpdateDowntimeReason: (v) => {
        const archived = (v['input'] as { archived: boolean }).archived;
        current = { ...jam, archivedAt: archived ? '2026-03-10T08:00:00Z' : null };
        return { data: { updateDowntimeReason: { id: 'r1', archivedAt: current.archivedAt } } };
      },
    });
    renderPortal('#/admin/downtime-reasons');
    fireEvent.click(await screen.findByRole('button', { name: 'Archive JAM' }));
    const row = await screen.findByRole('row', { name: /Archived/ });
    fireEvent.click(within(row).getByRole('button', { name: 'Restore JAM' }));
    await waitFor(() => expect(sent(fetchMock, 'UpdateDowntimeReason')).toHaveLength(2));
    expect(sent(fetchMock, 'UpdateDowntimeReason').map((r) => r.variables)).toEqual([
      { id: 'r1', input: { archived: true } },
      { id: 'r1', input: { archived: false } },
    ]);
  });
});
