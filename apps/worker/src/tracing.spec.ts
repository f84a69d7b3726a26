import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueueEvents, Worker } from 'bullmq';
import { InMemorySpanExporter, type NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { JobQueues } from '@convergent/platform-data-access-queue';
import { httpTracingMiddleware, registerTracing } from '@convergent/platform-util-observability';
import { dispatchJob } from './app/job-dispatcher';
import type { JobHandlers } from './app/job-handlers';

const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };

// API → queue → worker with real BullMQ on Redis: the worker's span must be a child of the span of
// the HTTP request that enqueued the job, in the caller's trace.
describe('traces across API, queue and worker', () => {
  const prefix = `trace-${randomUUID().slice(0, 8)}`;
  const exporter = new InMemorySpanExporter();
  let provider: NodeTracerProvider;
  let queues: JobQueues;
  let events: QueueEvents;
  let worker: Worker;
  let server: Server;
  const received: unknown[] = [];

  beforeAll(async () => {
    provider = registerTracing('convergent-test', [exporter]);
    queues = new JobQueues('redis://127.0.0.1:6379', prefix);
    events = new QueueEvents('kpi', { connection, prefix });
    await events.waitUntilReady();
    const handlers = {
      'kpi.machine-hour': async (payload: unknown) => {
        received.push(payload);
        return {};
      },
    } as unknown as JobHandlers;
    worker = new Worker('kpi', (job) => dispatchJob(handlers, job), { connection, prefix });
    const tracing = httpTracingMiddleware();
    // The API's part: a request that enqueues a job, as a mutation would.
    server = createServer((request, response) =>
      tracing(request, response, () => {
        void queues
          .add(
            'kpi.machine-hour',
            { tenantId: 't-1', machineId: 'm-1', hourStart: '2026-01-01T00:00:00.000Z' },
            { jobId: `job-${randomUUID()}` },
          )
          .then(() => response.writeHead(202).end());
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await worker.close();
    await queues.queue('kpi').obliterate({ force: true });
    await Promise.all([queues.close(), events.close()]);
    await provider.shutdown();
  });

  it("makes the worker's span a child of the request's span, in the caller's trace, and hands the handler a clean payload", async () => {
    const callerTrace = randomUUID().replaceAll('-', '');
    const completed = new Promise<void>((resolve) => events.once('completed', () => resolve()));
    const response = await fetch(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/machines/m-1/recompute`,
      {
        method: 'POST',
        headers: { traceparent: `00-${callerTrace}-${'a'.repeat(16)}-01` },
      },
    );
    expect(response.status).toBe(202);
    await completed;
    await provider.forceFlush();

    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === 'POST /machines/m-1/recompute');
    const job = spans.find((span) => span.name === 'process kpi.machine-hour');
    expect(request?.spanContext().traceId).toBe(callerTrace);
    expect(job?.spanContext().traceId).toBe(callerTrace);
    expect(job?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(job?.attributes['messaging.destination.name']).toBe('kpi');
    expect(received).toEqual([{ tenantId: 't-1', machineId: 'm-1', hourStart: '2026-01-01T00:00:00.000Z' }]);
  });
});
