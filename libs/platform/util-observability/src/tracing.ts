import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  trace,
  SpanKind,
  SpanStatusCode,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  ConsoleSpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  BatchSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

// OpenTelemetry traces across API → queue → worker. The trace context (W3C traceparent) travels in
// the job's data under this key, so a worker's span is a child of the request that enqueued it.
export const TRACE_CONTEXT_KEY = '_trace';

const tracer = () => trace.getTracer('convergent');

// Registers the process-wide tracer provider (AsyncLocalStorage context, W3C propagation). Without
// it every call here is a no-op: nothing is recorded and nothing travels in job data.
export function registerTracing(service: string, exporters: SpanExporter[]): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    spanProcessors: exporters.map((exporter) =>
      exporter instanceof ConsoleSpanExporter
        ? new SimpleSpanProcessor(exporter)
        : new BatchSpanProcessor(exporter),
    ),
  });
  provider.register();
  return provider;
}

// The job data to enqueue, carrying the active trace context (unchanged when there is none).
export function withTraceContext<T extends object>(data: T): T {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length === 0 ? data : { ...data, [TRACE_CONTEXT_KEY]: carrier };
}

// The job's own payload, and the context of whoever enqueued it.
export function splitTraceContext(data: unknown): { payload: unknown; parent: Context } {
  if (typeof data !== 'object' || data === null || !(TRACE_CONTEXT_KEY in data)) {
    return { payload: data, parent: context.active() };
  }
  const { [TRACE_CONTEXT_KEY]: carrier, ...payload } = data as Record<string, unknown>;
  return { payload, parent: propagation.extract(context.active(), carrier ?? {}) };
}

async function inSpan<T>(span: Span, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

export interface TracedJob {
  id?: string | undefined;
  name: string;
  queueName: string;
  data: unknown;
}

// Runs a job's handler in a consumer span whose parent is the enqueuer's span.
export function inJobSpan<T>(job: TracedJob, run: (payload: unknown) => Promise<T>): Promise<T> {
  const { payload, parent } = splitTraceContext(job.data);
  const attributes = {
    'messaging.system': 'bullmq',
    'messaging.destination.name': job.queueName,
    'messaging.operation.type': 'process',
    ...(job.id === undefined ? {} : { 'messaging.message.id': job.id }),
  };
  return tracer().startActiveSpan(
    `process ${job.name}`,
    { kind: SpanKind.CONSUMER, attributes },
    parent,
    (span) => inSpan(span, () => run(payload)),
  );
}

// One server span per HTTP request, continuing the caller's trace (traceparent header) and active
// for everything the request does, so jobs it enqueues carry it on.
export function httpTracingMiddleware() {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const parent = propagation.extract(context.active(), request.headers);
    const path = ((request as { originalUrl?: string }).originalUrl ?? request.url ?? '/').split('?')[0];
    const span = tracer().startSpan(
      `${request.method ?? 'GET'} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method ?? 'GET', 'url.path': path },
      },
      parent,
    );
    response.once('close', () => {
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
