import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AcceptInvitationMutation } from '../../gql/graphql';
import { validateAccept, type AcceptForm, type Problems } from '../admin/admin-forms';
import { acceptInvitationMutation } from '../admin/admin-operations';
import { graphqlRequest, toApiError } from '../api/graphql-http';
import { PageTitle } from '../shell/page-title';

// Public: the invitee has no session yet. The token comes from the link an admin sent.
export function AcceptInvitationPage() {
  const [search] = useSearchParams();
  const linkToken = search.get('token') ?? '';
  const [form, setForm] = useState<AcceptForm>({ token: linkToken, name: '', password: '', repeat: '' });
  const [problems, setProblems] = useState<Problems<keyof AcceptForm>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState<AcceptInvitationMutation['acceptInvitation'] | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = validateAccept(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await graphqlRequest(acceptInvitationMutation, {
        token: form.token.trim(),
        name: form.name.trim(),
        password: form.password,
      });
      setAccepted(answer.acceptInvitation);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack>
          <PageTitle>Join Convergent</PageTitle>
          {accepted ? (
            <>
              <Alert color="green" variant="light" role="status" title={`Welcome to ${accepted.tenantName}`}>
                Your membership is ready. Sign in as {accepted.email}.
              </Alert>
              <Button component={Link} to="/sign-in">
                Go to sign-in
              </Button>
            </>
          ) : (
            <form onSubmit={(e) => void submit(e)} aria-busy={busy} noValidate>
              <Stack>
                <Text size="sm" c="dimmed">
                  New to Convergent: choose a password of at least 12 characters. Already have an account:
                  enter its password; it stays as it is.
                </Text>
                {!linkToken && (
                  <TextInput
                    label="Invitation token"
                    value={form.token}
                    onChange={(e) => setForm({ ...form, token: e.currentTarget.value })}
                    error={problems.token}
                    required
                  />
                )}
                {linkToken && problems.token && <Alert color="red">{problems.token}</Alert>}
                <TextInput
                  label="Your name"
                  description="As colleagues will see it."
                  autoComplete="name"
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
                  error={problems.name}
                  required
                />
                <PasswordInput
                  label="Password"
                  autoComplete="new-password"
                  value={form.password}
                  onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
                  error={problems.password}
                  required
                />
                <PasswordInput
                  label="Repeat the password"
                  autoComplete="new-password"
                  value={form.repeat}
                  onChange={(e) => setForm({ ...form, repeat: e.currentTarget.value })}
                  error={problems.repeat}
                  required
                />
                {error && (
                  <Alert color="red" variant="light" role="alert" title="The invitation was not accepted">
                    {error}
                  </Alert>
                )}
                <Button type="submit" loading={busy} fullWidth>
                  Join
                </Button>
                <Anchor component={Link} to="/sign-in" size="sm">
                  I already joined: sign in
                </Anchor>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
