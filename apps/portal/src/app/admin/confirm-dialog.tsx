import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useMutation, type AnyVariables, type DocumentInput } from 'urql';
import { apiErrorFromUrql, type ApiError } from '../api/graphql-http';
import { ErrorMessage } from '../feedback';

interface DialogState {
  opened: boolean;
  busy: boolean;
  error: ApiError | null;
  onConfirm: () => void;
  onClose: () => void;
}

// Asks before something that cannot be undone; the error, if the API refuses, stays in the dialog.
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  opened,
  busy,
  error,
  onConfirm,
  onClose,
}: DialogState & { title: string; message: string; confirmLabel: string }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{message}</Text>
        {error && <ErrorMessage title={`${title} failed.`} error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// The item about to be changed, and the mutation that changes it once the dialog is confirmed:
// ask(item) opens the dialog, `dialog` is spread onto ConfirmDialog, onDone runs after success.
export function useConfirmedMutation<T, Data, Variables extends AnyVariables>(
  mutation: DocumentInput<Data, Variables>,
  variables: (target: T) => Variables,
  onDone: () => void,
): { target: T | null; ask: (target: T) => void; dialog: DialogState } {
  const [target, setTarget] = useState<T | null>(null);
  const [result, execute] = useMutation(mutation);

  async function confirm(): Promise<void> {
    if (target === null) return;
    const answer = await execute(variables(target));
    if (answer.data) {
      setTarget(null);
      onDone();
    }
  }

  return {
    target,
    ask: setTarget,
    dialog: {
      opened: target !== null,
      busy: result.fetching,
      error: result.error ? apiErrorFromUrql(result.error) : null,
      onConfirm: () => void confirm(),
      onClose: () => setTarget(null),
    },
  };
}
