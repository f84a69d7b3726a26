import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { toApiError } from '../api/graphql-http';
import { Loading } from '../feedback';
import { safeNextPath } from '../session/next-path';
import type { SignedOutReason } from '../session/session';
import { useSessionManager, useSessionState } from '../session/session-context';
import { signInWithPassword } from '../session/session-transport';
import { PageTitle } from '../shell/page-title';

const NOTICES: Record<SignedOutReason, string | null> = {
  none: null,
  'signed-out': 'You have signed out.',
  expired: 'Your session has ended. Sign in again to continue where you were.',
};

export function SignInPage() {
  const manager = useSessionManager();
  const state = useSessionState();
  const [search] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  if (state.status === 'restoring') return <Loading label="Checking your session…" />;
  if (state.status === 'signed-in') return <Navigate to={safeNextPath(search.get('next'))} replace />;
  const notice = NOTICES[state.reason];

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (loading) return;
    if (email.trim() === '' || password === '') {
      setError('Enter your e-mail address and your password.');
      return;
    }
    setLoading(true);
    setError(null);
    try {
      manager.signedIn(await signInWithPassword(email.trim(), password));
    } catch (caught) {
      setError(toApiError(caught).message);
      setLoading(false);
    }
  }

  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={380}>
        <Stack>
          <PageTitle>Sign in to Convergent</PageTitle>
          {notice && (
            <Alert color="blue" variant="light" role="status">
              {notice}
            </Alert>
          )}
          <form onSubmit={(e) => void submit(e)} aria-busy={loading} noValidate>
            <Stack>
              <TextInput
                label="E-mail"
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'sign-in-error' : undefined}
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'sign-in-error' : undefined}
              />
              {error && (
                <Alert color="red" variant="light" id="sign-in-error" role="alert">
                  {error}
                </Alert>
              )}
              <Button type="submit" loading={loading} fullWidth>
                Sign in
              </Button>
            </Stack>
          </form>
        </Stack>
      </Paper>
    </Center>
  );
}
