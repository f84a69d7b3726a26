import type { Job } from 'bullmq';

export interface BackfillProgress {
  machines: number;
  // Machines of the passes completed.
  machinesDone: number;
  buckets: number;
  // Where the pass in progress restarts after a crash (ISO 8601); null between passes.
  restartAt?: string | null;
  percent?: number;
}

// What a handler may do with its own job besides computing: report progress (shown in Bull Board
// and by the kpiBackfillJob query) and read what it reported before a crash.
export interface JobContext {
  progress(): BackfillProgress | null;
  updateProgress(progress: BackfillProgress): Promise<void>;
}

function isProgress(value: unknown): value is BackfillProgress {
  return typeof value === 'object' && value !== null && 'machinesDone' in value && 'machines' in value;
}

export function jobContext(job: Job): JobContext {
  return {
    progress: () => (isProgress(job.progress) ? job.progress : null),
    updateProgress: (progress) => job.updateProgress(progress),
  };
}
