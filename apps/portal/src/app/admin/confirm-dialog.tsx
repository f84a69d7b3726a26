import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ApiError } from '../api/graphql-http';
import { ErrorMessage } from '../feedback';

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
}: {
  title: string;
  message: string;
  confirmLabel: string;
  opened: boolean;
  busy: boolean;
  error: ApiError | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
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
