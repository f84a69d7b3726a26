import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { ProductsQuery } from '../../gql/graphql';
import { AdminListAndCreate, AdminPage } from '../admin/admin-page';
import type { Problems } from '../admin/admin-forms';
import { ConfirmDialog, useConfirmedMutation } from '../admin/confirm-dialog';
import { CreateForm, DialogForm, useCheckedForm } from '../admin/form-parts';
import { useAssets } from '../assets/use-assets';
import {
  formatCycleTime,
  parseCycleSeconds,
  validateProduct,
  type ProductForm,
} from '../catalog/catalog-forms';
import { CodeAndName } from '../catalog/code-and-name';
import {
  createProductMutation,
  deleteProductMutation,
  productsQuery,
  setMachineCycleTimeMutation,
  updateProductMutation,
  type MachineCycleTime,
  type Product,
} from '../catalog/catalog-operations';

export function AdminProductsPage() {
  return (
    <AdminPage
      title="Products"
      intro="The ideal cycle time of a product is the time one unit takes at full speed; performance and OEE are measured against it. A machine that runs a product at its own ideal cycle time can have it set here too. Changes apply to figures computed from now on."
    >
      <ProductsAdministration />
    </AdminPage>
  );
}

const selectProducts = (data: ProductsQuery) => data.products;

function ProductsAdministration() {
  return (
    <AdminListAndCreate
      query={productsQuery}
      select={selectProducts}
      createTitle="Add a product"
      creator={(reload) => <ProductCreator onCreated={reload} />}
      listTitle="Products"
      what="products"
      empty="No products yet. Add the first one above."
    >
      {(rows, reload) => <ProductTable products={rows} onChanged={reload} />}
    </AdminListAndCreate>
  );
}

const EMPTY: ProductForm = { code: '', name: '', seconds: '' };

function ProductCreator({ onCreated }: { onCreated: () => void }) {
  const { form, setForm, problems, submitWith } = useCheckedForm(EMPTY, validateProduct);
  const [result, create] = useMutation(createProductMutation);
  const submit = submitWith(async ({ code, name, seconds }) => {
    const cycle = parseCycleSeconds(seconds);
    if (!('ms' in cycle)) return {};
    const answer = await create({
      input: { code: code.trim(), name: name.trim(), idealCycleTimeMs: cycle.ms },
    });
    if (answer.data) onCreated();
    return answer;
  });
  return (
    <CreateForm
      onSubmit={submit}
      result={result}
      failed="The product could not be added."
      submitLabel="Add product"
    >
      <CodeAndName
        code={form.code}
        name={form.name}
        codeHint="As on the plant's papers, e.g. BRK-100."
        problems={problems}
        onChange={(change) => setForm({ ...form, ...change })}
      />
      <TextInput
        label="Ideal cycle time (seconds)"
        description="Per unit, at full speed."
        inputMode="decimal"
        value={form.seconds}
        onChange={(e) => setForm({ ...form, seconds: e.currentTarget.value })}
        error={problems.seconds}
        required
        maw={240}
      />
    </CreateForm>
  );
}

// Which dialog is open, for which product.
type Editing = { kind: 'cycle-time'; product: Product } | { kind: 'machine'; product: Product } | null;

function ProductTable({ products, onChanged }: { products: Product[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<Editing>(null);
  const deletion = useConfirmedMutation(deleteProductMutation, (p: Product) => ({ id: p.id }), onChanged);
  const removal = useConfirmedMutation(
    setMachineCycleTimeMutation,
    (o: MachineCycleTime & { productId: string }) => ({
      machineId: o.machineId,
      productId: o.productId,
      idealCycleTimeMs: null,
    }),
    onChanged,
  );
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label="Products">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Code</Table.Th>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Ideal cycle time</Table.Th>
              <Table.Th scope="col">Machines with their own</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {products.map((product) => (
              <Table.Tr key={product.id}>
                <Table.Th scope="row" fw={500}>
                  {product.code}
                </Table.Th>
                <Table.Td>{product.name}</Table.Td>
                <Table.Td>{formatCycleTime(product.idealCycleTimeMs)}</Table.Td>
                <Table.Td>
                  {product.machineCycleTimes.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      None
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {product.machineCycleTimes.map((o) => (
                        <Group key={o.machineId} gap="xs" wrap="nowrap">
                          <Text size="sm">
                            {o.machineName}: {formatCycleTime(o.idealCycleTimeMs)}
                          </Text>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            aria-label={`Remove the cycle time of ${product.code} on ${o.machineName}`}
                            onClick={() => removal.ask({ ...o, productId: product.id })}
                          >
                            Remove
                          </Button>
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Change the ideal cycle time of ${product.code}`}
                      onClick={() => setEditing({ kind: 'cycle-time', product })}
                    >
                      Change
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Set a machine's cycle time for ${product.code}`}
                      onClick={() => setEditing({ kind: 'machine', product })}
                    >
                      Per machine
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${product.code}`}
                      onClick={() => deletion.ask(product)}
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing?.kind === 'cycle-time' && (
        <CycleTimeEditor product={editing.product} onClose={() => setEditing(null)} onSaved={done} />
      )}
      {editing?.kind === 'machine' && (
        <MachineCycleTimeEditor product={editing.product} onClose={() => setEditing(null)} onSaved={done} />
      )}
      <ConfirmDialog
        {...deletion.dialog}
        title={`Delete ${deletion.target?.code ?? ''}`}
        message="The product disappears from the list. A product that a machine runs or has run stays: its figures were computed with it."
        confirmLabel="Delete product"
      />
      <ConfirmDialog
        {...removal.dialog}
        title={`Remove the cycle time on ${removal.target?.machineName ?? ''}`}
        message="From now on the machine runs this product at the product's own ideal cycle time."
        confirmLabel="Remove"
      />
    </>
  );
}

function CycleTimeEditor({
  product,
  onClose,
  onSaved,
}: {
  product: Product;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [seconds, setSeconds] = useState(String(product.idealCycleTimeMs / 1000));
  const [problem, setProblem] = useState<string | null>(null);
  const [result, update] = useMutation(updateProductMutation);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const cycle = parseCycleSeconds(seconds);
    setProblem('problem' in cycle ? cycle.problem : null);
    if (!('ms' in cycle)) return;
    const answer = await update({ id: product.id, input: { idealCycleTimeMs: cycle.ms } });
    if (answer.data) onSaved();
  }

  return (
    <DialogForm
      title={`Ideal cycle time of ${product.code}`}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      result={result}
      failed="The change was not saved."
    >
      <TextInput
        label="Ideal cycle time (seconds)"
        inputMode="decimal"
        value={seconds}
        onChange={(e) => setSeconds(e.currentTarget.value)}
        error={problem}
        required
        data-autofocus
      />
    </DialogForm>
  );
}

function MachineCycleTimeEditor({
  product,
  onClose,
  onSaved,
}: {
  product: Product;
  onClose: () => void;
  onSaved: () => void;
}) {
  const assets = useAssets();
  const machines = assets.status === 'success' ? assets.assets.filter((a) => a.kind === 'machine') : [];
  const siteName = (siteId: string | null | undefined) =>
    assets.status === 'success' ? (assets.assets.find((a) => a.id === siteId)?.name ?? '') : '';
  const [machineId, setMachineId] = useState<string | null>(null);
  const [seconds, setSeconds] = useState('');
  const [problems, setProblems] = useState<Problems<'machine' | 'seconds'>>({});
  const [result, set] = useMutation(setMachineCycleTimeMutation);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const cycle = parseCycleSeconds(seconds);
    const found: Problems<'machine' | 'seconds'> = {};
    if (!machineId) found.machine = 'Choose the machine.';
    if ('problem' in cycle) found.seconds = cycle.problem;
    setProblems(found);
    if (!machineId || !('ms' in cycle)) return;
    const answer = await set({ machineId, productId: product.id, idealCycleTimeMs: cycle.ms });
    if (answer.data) onSaved();
  }

  return (
    <DialogForm
      title={`${product.code} on one machine`}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      result={result}
      failed="The cycle time was not saved."
    >
      <Text size="sm">
        The product&apos;s own ideal cycle time is {formatCycleTime(product.idealCycleTimeMs)}.
      </Text>
      <Select
        label="Machine"
        placeholder={assets.status === 'loading' ? 'Loading machines…' : 'Choose a machine'}
        data={machines.map((m) => ({ value: m.id, label: `${m.name} (${siteName(m.siteId)})` }))}
        value={machineId}
        onChange={setMachineId}
        error={problems.machine}
        searchable
        required
        comboboxProps={{ withinPortal: false }}
      />
      <TextInput
        label="Ideal cycle time on this machine (seconds)"
        inputMode="decimal"
        value={seconds}
        onChange={(e) => setSeconds(e.currentTarget.value)}
        error={problems.seconds}
        required
      />
    </DialogForm>
  );
}
