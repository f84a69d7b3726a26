import {
  Alert,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { QRCodeSVG } from 'qrcode.react';
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { apiErrorFromUrql } from '../api/graphql-http';
import { createProvisioningClaimMutation, type Asset, type ProvisioningClaim } from '../api/operations';
import { useAssets } from '../assets/use-assets';
import { GatewayList } from '../fleet/gateway-list';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { formatDateTime, usableTimeZone } from '../format/format';
import { useSessionState } from '../session/session-context';
import { PageTitle } from '../shell/page-title';
import { canProvision } from '../shell/navigation';

export function FleetPage() {
  const session = useSessionState();
  const assets = useAssets();
  const role = session.status === 'signed-in' ? session.session.role : null;
  return (
    <Stack>
      <PageTitle>Fleet</PageTitle>
      <Title order={2} size="h3">
        Gateways
      </Title>
      <GatewayList mayRevoke={role !== null && canProvision(role)} />
      <Title order={2} size="h3">
        Add a gateway
      </Title>
      <Text c="dimmed" size="sm" maw={640}>
        A provisioning claim lets one new gateway join a site. Give its token to the gateway (
        <Code>edge-agent provision --token …</Code>) or scan the QR code at the gateway; it works once, until
        it expires.
      </Text>
      {role !== null && !canProvision(role) ? (
        <Alert color="gray" title="Only administrators and technicians add gateways">
          Your role ({role}) may see the fleet but not add gateways to it.
        </Alert>
      ) : assets.status === 'loading' ? (
        <Loading label="Loading your sites…" />
      ) : assets.status === 'error' ? (
        <ErrorMessage title="Your sites could not be loaded." error={assets.error} />
      ) : (
        <ClaimCreator sites={assets.assets.filter((a) => a.kind === 'site')} />
      )}
    </Stack>
  );
}

interface ClaimForm {
  siteId: string | null;
  expiresInMinutes: number | string;
  expectedSerial: string;
}

interface FormProblems {
  siteId?: string;
  expiresInMinutes?: string;
  expectedSerial?: string;
}

export const MAX_CLAIM_MINUTES = 10_080;

// The same limits as the API's, said before a round trip.
export function validateClaimForm(form: ClaimForm): FormProblems {
  const problems: FormProblems = {};
  if (!form.siteId) problems.siteId = 'Choose the site the gateway will belong to.';
  const minutes = typeof form.expiresInMinutes === 'number' ? form.expiresInMinutes : Number.NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_CLAIM_MINUTES) {
    problems.expiresInMinutes = `Between 1 and ${MAX_CLAIM_MINUTES} minutes (a week).`;
  }
  if (form.expectedSerial.trim().length > 128) problems.expectedSerial = 'At most 128 characters.';
  return problems;
}

function ClaimCreator({ sites }: { sites: Asset[] }) {
  const [form, setForm] = useState<ClaimForm>({
    siteId: sites.length === 1 ? (sites[0]?.id ?? null) : null,
    expiresInMinutes: 60,
    expectedSerial: '',
  });
  const [problems, setProblems] = useState<FormProblems>({});
  const [claim, setClaim] = useState<ProvisioningClaim | null>(null);
  const [result, createClaim] = useMutation(createProvisioningClaimMutation);

  if (sites.length === 0) return <Empty>There is no site you may add a gateway to.</Empty>;
  if (claim) {
    const site = sites.find((s) => s.id === claim.siteId);
    return <ClaimResult claim={claim} site={site} onDone={() => setClaim(null)} />;
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = validateClaimForm(form);
    setProblems(found);
    if (Object.keys(found).length > 0 || !form.siteId) return;
    const serial = form.expectedSerial.trim();
    const answer = await createClaim({
      input: {
        siteId: form.siteId,
        expiresInMinutes: Number(form.expiresInMinutes),
        ...(serial ? { expectedSerial: serial } : {}),
      },
    });
    if (answer.data) setClaim(answer.data.createProvisioningClaim);
  }

  return (
    <Card withBorder radius="md" maw={520} component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Select
          label="Site"
          placeholder="Choose a site"
          data={sites.map((s) => ({ value: s.id, label: s.name }))}
          value={form.siteId}
          onChange={(siteId) => setForm({ ...form, siteId })}
          error={problems.siteId}
          required
          allowDeselect={false}
        />
        <NumberInput
          label="Valid for (minutes)"
          description="From 1 minute to a week (10,080 minutes)."
          value={form.expiresInMinutes}
          onChange={(expiresInMinutes) => setForm({ ...form, expiresInMinutes })}
          min={1}
          max={MAX_CLAIM_MINUTES}
          allowDecimal={false}
          error={problems.expiresInMinutes}
          required
        />
        <TextInput
          label="Gateway serial number"
          description="Optional: only a gateway reporting this serial number may use the claim."
          value={form.expectedSerial}
          onChange={(e) => setForm({ ...form, expectedSerial: e.currentTarget.value })}
          error={problems.expectedSerial}
        />
        {result.error && (
          <ErrorMessage title="The claim could not be created." error={apiErrorFromUrql(result.error)} />
        )}
        <Group>
          <Button type="submit" loading={result.fetching}>
            Create provisioning claim
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ClaimResult({
  claim,
  site,
  onDone,
}: {
  claim: ProvisioningClaim;
  site: Asset | undefined;
  onDone: () => void;
}) {
  const timeZone = usableTimeZone(site?.timeZone);
  return (
    <Card withBorder radius="md" maw={640} component="section" aria-labelledby="claim-heading">
      <Stack>
        <Title order={3} id="claim-heading">
          Provisioning claim for {site?.name ?? 'the site'}
        </Title>
        <Alert color="yellow" variant="light">
          This token is shown only now: only its hash is kept. Copy it or scan the code before you leave this
          page.
        </Alert>
        <Group align="flex-start" gap="xl" wrap="wrap">
          <QRCodeSVG
            value={claim.qrPayload}
            size={192}
            marginSize={2}
            role="img"
            aria-label="QR code of the provisioning claim"
            title="Provisioning claim"
          />
          <Stack gap="xs" style={{ flex: 1, minWidth: 240 }}>
            <Text size="sm" fw={600} id="claim-token-label">
              Token
            </Text>
            <Code
              block
              aria-labelledby="claim-token-label"
              data-testid="claim-token"
              style={{ wordBreak: 'break-all' }}
            >
              {claim.token}
            </Code>
            <CopyButton value={claim.token}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy} w="fit-content">
                  {copied ? 'Copied' : 'Copy token'}
                </Button>
              )}
            </CopyButton>
            <Text size="sm">
              On the gateway: <Code>edge-agent provision --token {'<token>'}</Code>
            </Text>
            <Text size="sm" c="dimmed">
              Expires {formatDateTime(new Date(claim.expiresAt), timeZone)} ({timeZone})
              {claim.expectedSerial ? ` · only for serial ${claim.expectedSerial}` : ''}
            </Text>
          </Stack>
        </Group>
        <Group>
          <Button variant="default" onClick={onDone}>
            Create another claim
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
