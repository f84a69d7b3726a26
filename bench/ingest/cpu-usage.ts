// CPU time per process group, read from /proc (Linux): on a machine shared with other work,
// wall-clock throughput is noise, while the CPU each process spends per point is not.
import { readFileSync } from 'node:fs';
import type { Client } from 'pg';

// /proc/<pid>/stat counts in clock ticks; 100 per second on every Linux the bench runs on.
const TICKS_PER_SECOND = 100;

export type CpuGroup =
  'ingest' | 'postgres (ingest)' | 'postgres (bench)' | 'postgres (shared)' | 'broker' | 'bench';
export type CpuSample = Map<number, { group: CpuGroup; seconds: number }>;

// utime + stime of a process; 0 once it is gone (its last ticks are then lost, which only matters
// for a backend that exits mid-step).
export function cpuSeconds(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

// The processes of one run: ingest, the broker, the bench itself (its publishers and probes), the
// database's backends split by role (ingest connects as the application role, the bench as owner)
// and PostgreSQL's shared writers (WAL writer, checkpointer, background writer), which other work
// on the same server also keeps busy.
export async function sampleCpu(
  owner: Client,
  database: string,
  pids: { ingest: number; broker: number },
): Promise<CpuSample> {
  const { rows } = await owner.query<{
    pid: number;
    datname: string | null;
    usename: string | null;
    backend_type: string;
  }>(
    `SELECT pid, datname::text, usename::text, backend_type FROM pg_stat_activity
     WHERE datname = $1 OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
    [database],
  );
  const sample: CpuSample = new Map();
  const add = (pid: number, group: CpuGroup): void =>
    void sample.set(pid, { group, seconds: cpuSeconds(pid) });
  add(pids.ingest, 'ingest');
  add(pids.broker, 'broker');
  add(process.pid, 'bench');
  for (const row of rows) {
    if (row.datname !== database) add(row.pid, 'postgres (shared)');
    else add(row.pid, row.usename === 'convergent_app' ? 'postgres (ingest)' : 'postgres (bench)');
  }
  return sample;
}

// Microseconds of CPU per point, per group, between two samples.
export function cpuPerPoint(before: CpuSample, after: CpuSample, points: number): Record<CpuGroup, number> {
  const perGroup: Record<CpuGroup, number> = {
    ingest: 0,
    'postgres (ingest)': 0,
    'postgres (bench)': 0,
    'postgres (shared)': 0,
    broker: 0,
    bench: 0,
  };
  for (const [pid, { group, seconds }] of after) perGroup[group] += seconds - (before.get(pid)?.seconds ?? 0);
  for (const group of Object.keys(perGroup) as CpuGroup[])
    perGroup[group] = Math.round(((perGroup[group] * 1e6) / points) * 10) / 10;
  return perGroup;
}
