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

const assets = [
  asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' }),
  asset('l1', 'line', 's1', { name: 'Line 1', siteId: 's1' }),
  asset('m1', 'machine', 'l1', { name: 'Press 1', siteId: 's1' }),
];
const bracket = {
  id: 'p1',
  code: 'BRK-1',
  name: 'Bracket',
  idealCycleTimeMs: 1500,
  machineCycleTimes: [{ machineId: 'm1', machineName: 'Press 1', idealCycleTimeMs: 1200 }],
};

function sent(fetchMock: ReturnType<typeof mockGraphQl>, name: string) {
  return fetchMock.mock.calls
    .map((_, i) => sentRequest(fetchMock, i))
    .filter((r) => r.operationName === name);
}

function products(nodes: unknown[]) {
  return { data: { products: connectionOf(nodes) } };
}

describe('products page', () => {
  it('lists products with their ideal cycle time in seconds and the machines that have their own', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      Products: () => products([bracket]),
    });
    renderPortal('#/admin/products');
    const table = await screen.findByRole('table', { name: 'Products' });
    const row = within(table).getByRole('row', { name: /BRK-1/ });
    expect(row.textContent).toContain('1.5 s');
    expect(row.textContent).toContain('Press 1: 1.2 s');
  });

  it('says what is wrong before sending, then adds the product in milliseconds', async () => {
    let list: unknown[] = [];
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      Products: () => products(list),
      CreateProduct: () => {
        list = [{ ...bracket, machineCycleTimes: [] }];
        return { data: { createProduct: { id: 'p1' } } };
      },
    });
    renderPortal('#/admin/products');
    expect(await screen.findByText('No products yet. Add the first one above.', {})).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Ideal cycle time/ }), {
      target: { value: 'fast' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect(await screen.findByText('"fast" is not a number of seconds.')).toBeTruthy();
    expect(screen.getByText('Enter a name.')).toBeTruthy();
    expect(sent(fetchMock, 'CreateProduct')).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: /Code/ }), { target: { value: 'BRK-1' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Bracket' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Ideal cycle time/ }), { target: { value: '1,5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await screen.findByRole('row', { name: /BRK-1/ });
    expect(sent(fetchMock, 'CreateProduct')[0]?.variables).toEqual({
      input: { code: 'BRK-1', name: 'Bracket', idealCycleTimeMs: 1500 },
    });
  });

  it("shows the API's refusal of a duplicate code", async () => {
    mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      Products: () => products([bracket]),
      CreateProduct: () => graphQlError('CONFLICT', 'there is already a product with code "BRK-1"'),
    });
    renderPortal('#/admin/products');
    await screen.findByRole('table', { name: 'Products' });
    fireEvent.change(screen.getByRole('textbox', { name: /Code/ }), { target: { value: 'BRK-1' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Again' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Ideal cycle time/ }), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    const alert = await screen.findByRole('alert', {});
    expect(alert.textContent).toContain('The product could not be added.');
    expect(alert.textContent).toContain('there is already a product with code "BRK-1"');
  });

  it("sets a machine's own cycle time and removes it after asking", async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      Products: () => products([bracket]),
      SetMachineCycleTime: (v) => ({
        data: {
          setMachineCycleTime:
            v['idealCycleTimeMs'] === null
              ? null
              : { machineId: 'm1', idealCycleTimeMs: v['idealCycleTimeMs'] },
        },
      }),
    });
    renderPortal('#/admin/products');
    fireEvent.click(await screen.findByRole('button', { name: "Set a machine's cycle time for BRK-1" }));
    const dialog = await screen.findByRole('dialog', { name: 'BRK-1 on one machine' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Choose the machine.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('textbox', { name: /Machine/ }));
    fireEvent.click(
      await within(dialog).findByRole('option', { name: 'Press 1 (Berlin plant)', hidden: true }),
    );
    fireEvent.change(within(dialog).getByRole('textbox', { name: /on this machine/ }), {
      target: { value: '0.9' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent(fetchMock, 'SetMachineCycleTime')).toHaveLength(1));
    expect(sent(fetchMock, 'SetMachineCycleTime')[0]?.variables).toEqual({
      machineId: 'm1',
      productId: 'p1',
      idealCycleTimeMs: 900,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Remove the cycle time of BRK-1 on Press 1' }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove the cycle time on Press 1' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(sent(fetchMock, 'SetMachineCycleTime')).toHaveLength(2));
    expect(sent(fetchMock, 'SetMachineCycleTime')[1]?.variables).toEqual({
      machineId: 'm1',
      productId: 'p1',
      idealCycleTimeMs: null,
    });
  });

  it('tells another role why there is nothing here', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'operator' }),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
    });
    renderPortal('#/admin/products');
    expect(await screen.findByText('Administration is for administrators', {})).toBeTruthy();
  });
});
