import { useCallback } from 'react';
import type { Api } from './api';
import { buildAssetTree, type AssetNode } from './asset-tree';
import { ErrorMessage, Loading } from './feedback';
import { plantAssets } from './operations';
import { routeHref } from './route';
import { useQuery } from './use-query';

const KIND_LABELS = {
  enterprise: 'Enterprise',
  site: 'Site',
  area: 'Area',
  line: 'Line',
  cell: 'Cell',
  machine: 'Machine',
} as const;

type HeadingLevel = 2 | 3 | 4 | 5 | 6;

function Heading({ level, id, children }: { level: HeadingLevel; id: string; children: string }) {
  const Tag = `h${level}` as const;
  return <Tag id={id}>{children}</Tag>;
}

function MachineList({ machines }: { machines: readonly AssetNode[] }) {
  if (machines.length === 0) return null;
  return (
    <ul className="machines">
      {machines.map(({ asset }) => (
        <li key={asset.id}>
          <a href={routeHref({ name: 'machine', machineId: asset.id })}>{asset.name}</a>
        </li>
      ))}
    </ul>
  );
}

function AssetGroup({ node, level }: { node: AssetNode; level: HeadingLevel }) {
  const { asset } = node;
  const headingId = `asset-${asset.id}`;
  const machines = node.children.filter((c) => c.asset.kind === 'machine');
  const groups = node.children.filter((c) => c.asset.kind !== 'machine');
  const next = Math.min(level + 1, 6) as HeadingLevel;
  return (
    <section className={`group group-${asset.kind}`} aria-labelledby={headingId}>
      <div className="group-head">
        <Heading level={level} id={headingId}>
          {asset.name}
        </Heading>
        <span className="kind">{KIND_LABELS[asset.kind]}</span>
      </div>
      {asset.kind === 'site' && (
        <p className="meta">Time zone: {asset.timeZone ?? <span>not set (times shown in UTC)</span>}</p>
      )}
      <MachineList machines={machines} />
      {groups.map((child) => (
        <AssetGroup key={child.asset.id} node={child} level={next} />
      ))}
      {node.children.length === 0 && <p className="meta">No machines here yet.</p>}
    </section>
  );
}

export function PlantOverviewPage({ api }: { api: Api }) {
  const load = useCallback((signal: AbortSignal) => api.request(plantAssets, {}, signal), [api]);
  const state = useQuery(load);

  return (
    <>
      <h1 tabIndex={-1}>Plant overview</h1>
      {state.status === 'loading' && <Loading label="Loading your sites…" />}
      {state.status === 'error' && (
        <ErrorMessage title="The plant overview could not be loaded." error={state.error} />
      )}
      {state.status === 'success' && <AssetTree groups={buildAssetTree(state.data.assets)} />}
    </>
  );
}

function AssetTree({ groups }: { groups: readonly AssetNode[] }) {
  if (groups.length === 0) {
    return (
      <p className="empty">
        No sites to show. Either none has been set up yet, or your account may not see any: ask your
        administrator.
      </p>
    );
  }
  // A machine whose line the user may not see still belongs on the page.
  const loose = groups.filter((g) => g.asset.kind === 'machine');
  return (
    <div className="tree">
      {groups
        .filter((g) => g.asset.kind !== 'machine')
        .map((group) => (
          <AssetGroup key={group.asset.id} node={group} level={2} />
        ))}
      {loose.length > 0 && (
        <section className="group" aria-labelledby="asset-loose">
          <h2 id="asset-loose">Other machines</h2>
          <MachineList machines={loose} />
        </section>
      )}
    </div>
  );
}
