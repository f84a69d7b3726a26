import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as core from 'kubernetes-models/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';

// helm and kubeconform cannot be installed here: each manifest is validated against the
// Kubernetes OpenAPI schemas (kubernetes-models), and against the rules this platform relies on
// (probes, requests, non-root, names that resolve).

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
};
type Validator = new (data: never) => { validate(): void };

const MODELS: Record<string, Validator> = {
  'v1/ServiceAccount': core.ServiceAccount,
  'v1/ConfigMap': core.ConfigMap,
  'v1/Service': core.Service,
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/StatefulSet': apps.StatefulSet,
  'batch/v1/Job': batch.Job,
  'networking.k8s.io/v1/Ingress': networking.Ingress,
  'autoscaling/v2/HorizontalPodAutoscaler': autoscaling.HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
};

interface Kustomization {
  resources: string[];
  images: { name: string; newTag: string }[];
}

function load(folder: string) {
  const kustomization = parse(readFileSync(join(folder, 'kustomization.yaml'), 'utf8')) as Kustomization;
  const manifests = kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(join(folder, file), 'utf8')).map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
      return { file, manifest: document.toJS() as Manifest };
    }),
  );
  return { kustomization, manifests };
}

type Container = {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
  livenessProbe?: { httpGet?: { path: string; port: string } };
  readinessProbe?: { httpGet?: { path: string; port: string } };
  resources?: { requests?: { cpu?: string; memory?: string } };
  securityContext?: { allowPrivilegeEscalation?: boolean };
};
type PodSpec = {
  serviceAccountName?: string;
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
};

function podSpec(manifest: Manifest): PodSpec | undefined {
  const template = manifest.spec?.['template'] as { spec: PodSpec } | undefined;
  return template?.spec;
}

const here = __dirname;
const base = load(join(here, 'base'));
const migrate = load(join(here, 'migrate'));
const all = [...base.manifests, ...migrate.manifests];
const byKind = (kind: string) =>
  all.filter(({ manifest }) => manifest.kind === kind).map(({ manifest }) => manifest);
const workloads = all.filter(({ manifest }) => podSpec(manifest) !== undefined);

describe('Kubernetes manifests', () => {
  it('lists every manifest file of each folder in its kustomization', () => {
    for (const [folder, { kustomization }] of [
      ['base', base],
      ['migrate', migrate],
    ] as const) {
      const files = readdirSync(join(here, folder)).filter(
        (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
      );
      expect([...kustomization.resources].sort()).toEqual(files.sort());
    }
  });

  it.each(all.map(({ file, manifest }) => [`${file}: ${manifest.kind} ${manifest.metadata.name}`, manifest]))(
    'is valid against the Kubernetes schema: %s',
    (_name, manifest) => {
      const model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      if (model === undefined) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
      expect(() => new model(manifest as never).validate()).not.toThrow();
    },
  );

  it('rejects a manifest with a wrong type (the validator is not a no-op)', () => {
    const [deployment] = byKind('Deployment');
    const broken = structuredClone(deployment) as Manifest;
    (podSpec(broken)?.containers[0]?.ports ?? [])[0] = { name: 'http', containerPort: 'http' as never };
    expect(() => new apps.Deployment(broken as never).validate()).toThrow(/containerPort must be integer/);
  });

  it('gives every long-running container liveness and readiness probes on ports it declares', () => {
    for (const { manifest } of workloads.filter(({ manifest }) => manifest.kind !== 'Job')) {
      for (const container of podSpec(manifest)?.containers ?? []) {
        const portNames = (container.ports ?? []).map((port) => port.name);
        for (const probe of [container.livenessProbe, container.readinessProbe]) {
          expect(`${manifest.metadata.name} probes ${probe?.httpGet?.port}`).toMatch(
            new RegExp(` probes (${portNames.join('|')})$`),
          );
        }
      }
    }
    const api = podSpec(byKind('Deployment').find((d) => d.metadata.name === 'convergent-api') as Manifest);
    expect(api?.containers[0]?.livenessProbe?.httpGet?.path).toBe('/livez');
    expect(api?.containers[0]?.readinessProbe?.httpGet?.path).toBe('/readyz');
  });

  it('requests CPU and memory, and runs as non-root without privilege escalation, everywhere', () => {
    for (const { manifest } of workloads) {
      const spec = podSpec(manifest) as PodSpec;
      expect({ name: manifest.metadata.name, nonRoot: spec.securityContext?.runAsNonRoot }).toEqual({
        name: manifest.metadata.name,
        nonRoot: true,
      });
      for (const container of spec.containers) {
        expect(container.resources?.requests?.cpu).toBeDefined();
        expect(container.resources?.requests?.memory).toBeDefined();
        expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
      }
    }
  });

  it('pins every image through the kustomization, and uses only images built by this repository', () => {
    const pinned = new Map(
      [...base.kustomization.images, ...migrate.kustomization.images].map((i) => [i.name, i.newTag]),
    );
    for (const { manifest } of workloads) {
      for (const container of podSpec(manifest)?.containers ?? []) {
        expect(pinned.get(container.image)).toMatch(/^\d+\.\d+\.\d+$/);
      }
    }
    const dockerfile = readFileSync(join(here, '../docker/Dockerfile'), 'utf8');
    for (const image of pinned.keys())
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${image.split('/')[1]}$`, 'm'));
  });

  it('takes secrets from the cluster by name, and config from the one config map', () => {
    const configMaps = byKind('ConfigMap').map((m) => m.metadata.name);
    const documented = readFileSync(join(here, 'base/config.yaml'), 'utf8');
    for (const { manifest } of workloads) {
      for (const container of podSpec(manifest)?.containers ?? []) {
        for (const from of container.envFrom ?? []) expect(configMaps).toContain(from.configMapRef?.name);
        for (const variable of container.env ?? []) {
          const secret = variable.valueFrom?.secretKeyRef?.name;
          if (secret !== undefined) expect(documented).toContain(`#   ${secret} `);
        }
      }
    }
    expect(byKind('Secret')).toEqual([]);
  });

  it('resolves every name: service selectors, service accounts, autoscaler targets', () => {
    const workloadsByName = new Map(workloads.map(({ manifest }) => [manifest.metadata.name, manifest]));
    const accounts = byKind('ServiceAccount').map((a) => a.metadata.name);
    for (const { manifest } of workloads) {
      const account = podSpec(manifest)?.serviceAccountName;
      if (account !== undefined) expect(accounts).toContain(account);
    }
    for (const service of byKind('Service')) {
      const selector = service.spec?.['selector'] as Record<string, string>;
      const target = workloads.find(({ manifest }) => {
        const labels = (manifest.spec?.['template'] as { metadata: { labels: Record<string, string> } })
          .metadata.labels;
        return Object.entries(selector).every(([key, value]) => labels[key] === value);
      });
      expect({ service: service.metadata.name, found: target !== undefined }).toEqual({
        service: service.metadata.name,
        found: true,
      });
    }
    for (const hpa of byKind('HorizontalPodAutoscaler')) {
      const ref = hpa.spec?.['scaleTargetRef'] as { kind: string; name: string };
      expect(workloadsByName.get(ref.name)?.kind).toBe(ref.kind);
    }
  });

  it('scales the worker on queue depth, ingest on its lag, and both on CPU', () => {
    const metrics = (name: string) =>
      JSON.stringify(
        byKind('HorizontalPodAutoscaler').find((h) => h.metadata.name === name)?.spec?.['metrics'],
      );
    expect(metrics('convergent-worker')).toContain('"name":"convergent_queue_jobs"');
    expect(metrics('convergent-ingest')).toContain('"name":"convergent_ingest_lag_seconds"');
    for (const name of ['convergent-api', 'convergent-worker', 'convergent-ingest'])
      expect(metrics(name)).toContain('"cpu"');
  });

  it('runs migrations with the owner role only in the migration job, before the services', () => {
    const [job] = migrate.manifests
      .filter(({ manifest }) => manifest.kind === 'Job')
      .map(({ manifest }) => manifest);
    expect(podSpec(job as Manifest)?.containers[0]?.env?.[0]?.name).toBe('MIGRATE_DATABASE_URL');
    expect(JSON.stringify(base.manifests)).not.toContain('OWNER_DATABASE_URL');
    expect(JSON.stringify(job)).toContain('"argocd.argoproj.io/hook":"PreSync"');
  });
});
