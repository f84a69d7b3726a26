import { Button, Card, Group, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { apiErrorFromUrql } from '../api/graphql-http';
import { ErrorMessage } from '../feedback';
import type { Problems } from './admin-forms';

// A form checked before sending: problems show at their fields and nothing is sent until there
// are none; after a successful send the form starts over.
export function useCheckedForm<F, K extends string>(initial: F, validate: (form: F) => Problems<K>) {
  const [form, setForm] = useState<F>(initial);
  const [problems, setProblems] = useState<Problems<K>>({});
  const submitWith =
    (send: (form: F) => Promise<{ data?: unknown }>) =>
    (event: FormEvent<HTMLFormElement>): void => {
      event.preventDefault();
      const found = validate(form);
      setProblems(found);
      if (Object.keys(found).length > 0) return;
      void send(form).then((answer) => {
        if (answer.data) setForm(initial);
      });
    };
  return { form, setForm, problems, submitWith };
}

interface Sending {
  fetching: boolean;
  error?: CombinedError | undefined;
}

// The API's refusal and the submit button, under the fields of any administration form.
function Submit({
  result,
  failed,
  label,
  size,
}: {
  result: Sending;
  failed: string;
  label: string;
  size?: 'xs';
}) {
  return (
    <>
      {result.error && <ErrorMessage title={failed} error={apiErrorFromUrql(result.error)} />}
      <Group>
        <Button type="submit" loading={result.fetching} {...(size ? { size } : {})}>
          {label}
        </Button>
      </Group>
    </>
  );
}

// "Add a …" forms: a card of their own, or small and plain inside another card (label names it).
export function CreateForm({
  onSubmit,
  result,
  failed,
  submitLabel,
  label,
  compact = false,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  result: Sending;
  failed: string;
  submitLabel: string;
  label?: string;
  compact?: boolean;
  children: ReactNode;
}) {
  const body = (
    <Stack gap={compact ? 'xs' : 'md'}>
      {children}
      <Submit
        result={result}
        failed={failed}
        label={submitLabel}
        {...(compact ? { size: 'xs' as const } : {})}
      />
    </Stack>
  );
  if (compact)
    return (
      <form onSubmit={onSubmit} noValidate aria-label={label}>
        {body}
      </form>
    );
  return (
    <Card withBorder component="form" onSubmit={onSubmit} noValidate maw={640} aria-label={label}>
      {body}
    </Card>
  );
}

// A change made in a dialog: its fields, the API's refusal, Cancel and Save.
export function DialogForm({
  title,
  onClose,
  onSubmit,
  result,
  failed,
  children,
}: {
  title: string;
  onClose: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  result: Sending;
  failed: string;
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {children}
          {result.error && <ErrorMessage title={failed} error={apiErrorFromUrql(result.error)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={result.fetching}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
