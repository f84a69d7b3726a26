import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { connectionOf, mockGraphQl, renderPortal, sentRequest, signedInAs } from '../spec-helpers';

// Every administration list (products, reason codes, calendars, members, API keys) pages the
// same way, through AdminListAndCreate; the products page stands for them.

function product(n: number) {
  return { id: `p${n}`, code: `P-${n}`, name: `Part ${n}`, idealCycleTimeMs: 1000, machineCycleTimes: [] };
}

// 130 products in pages of 100: the cursor of a page is the number of the last product on it.
let catalog = Array.from({ length: 130 }, (_, i) => product(i + 1));

function productsPage(variables: Record<string, unknown>) {
  const start = typeof variables['after'] === 'string' ? Number(variables['after']) : 0;
  const first = Number(variables['first']);
  const nodes = catalog.slice(start, start + first);
  return {
    data: {
      products: {
        ...connectionOf(nodes),
        totalCount: catalog.length,
        pageInfo: { hasNextPage: start + first < catalog.length, endCursor: String(start + nodes.length) },
      },
    },
  };
}

const rows = () => within(screen.getByRole('table', { name: 'Products' })).getAllByRole('row').length - 1;

describe('administration lists beyond one page', () => {
  beforeEach(() => {
    catalog = Array.from({ length: 130 }, (_, i) => product(i + 1));
  });

  // Rendering 130 table rows twice is slow in jsdom on a busy 2-core runner: a longer timeout.
  it('shows the first 100 with the total, loads the rest on request, and keeps them after a change', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Products: productsPage,
      CreateProduct: () => {
        catalog = [...catalog, product(131)];
        return { data: { createProduct: { id: 'p131' } } };
      },
    });
    renderPortal('#/admin/products');
    expect(await screen.findByText('100 of 130 products')).toBeTruthy();
    expect(rows()).toBe(100);

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('130 of 130 products')).toBeTruthy();
    expect(rows()).toBe(130);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const asked = () =>
      fetchMock.mock.calls
        .map((_, i) => sentRequest(fetchMock, i))
        .filter((r) => r.operationName === 'Products');
    expect(asked().map((r) => r.variables)).toEqual([
      { first: 100, after: null },
      { first: 100, after: '100' },
    ]);

    // Adding one asks again for every page shown, so nothing already loaded disappears.
    fireEvent.change(screen.getByRole('textbox', { name: /Code/ }), { target: { value: 'P-131' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Part 131' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Ideal cycle time/ }), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect(await screen.findByText('131 of 131 products')).toBeTruthy();
    await waitFor(() => expect(rows()).toBe(131));
  }, 30_000);
});
