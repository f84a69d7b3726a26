import { Alert, Button, Group, Input, Stack, Text } from '@mantine/core';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { apiErrorFromUrql } from '../api/graphql-http';
import { ErrorMessage } from '../feedback';
import { configProblems, configTextProblem, prettyConfig } from './gateway-twin';
import { setGatewayDesiredConfigMutation, type GatewayDetail } from './gateway-twin-operations';

// The desired configuration as JSON, checked for syntax here and against the gateway's schema by
// the API, whose refusal names each field; until one is accepted the gateway keeps running what
// it runs.
export function ConfigEditor({ gateway, onSaved }: { gateway: GatewayDetail; onSaved: () => void }) {
  const id = useId();
  const [text, setText] = useState(() => prettyConfig(gateway.desiredConfig ?? gateway.reportedConfig));
  const [problem, setProblem] = useState<string | null>(null);
  const [result, save] = useMutation(setGatewayDesiredConfigMutation);
  const problems = configProblems(result.error);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = configTextProblem(text);
    setProblem(found);
    if (found) return;
    const answer = await save({ gatewayId: gateway.id, config: text });
    if (answer.data) {
      setText(prettyConfig(answer.data.setGatewayDesiredConfig.desiredConfig));
      onSaved();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The whole configuration replaces the previous one: the machines this gateway reads, each with its
          connector (simulator, modbus or opcua) and tags. A plain machine key means a simulated machine.
        </Text>
        <Input.Wrapper id={id} label="Desired configuration" error={problem}>
          <Input
            id={id}
            component="textarea"
            rows={16}
            value={text}
            onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setText(event.currentTarget.value)}
            error={problem !== null}
            spellCheck={false}
            disabled={gateway.status === 'decommissioned'}
            styles={{
              input: {
                fontFamily: 'var(--mantine-font-family-monospace)',
                fontSize: 13,
                height: 'auto',
                lineHeight: 1.45,
                paddingBlock: 8,
              },
            }}
          />
        </Input.Wrapper>
        {problems.length > 0 ? (
          <Alert color="red" variant="light" role="alert" title="The configuration was refused">
            <Text component="ul" size="sm" m={0} pl="md">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              Nothing was sent: the gateway keeps running its current configuration.
            </Text>
          </Alert>
        ) : (
          result.error && (
            <ErrorMessage title="The configuration was not saved." error={apiErrorFromUrql(result.error)} />
          )
        )}
        {result.data && !result.error && !result.fetching && (
          <Text size="sm" c="green" role="status">
            Version {result.data.setGatewayDesiredConfig.desiredVersion} saved; the gateway gets it when it is
            connected.
          </Text>
        )}
        <Group>
          <Button type="submit" loading={result.fetching} disabled={gateway.status === 'decommissioned'}>
            Save desired configuration
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
