import type { TelemetryMessageRows } from './event-batch';
import { numberArrayLiteral, textArrayLiteral } from '@convergent/platform-data-access-db';

// One tenant's telemetry messages as the parameters of one INSERT: what is the same for every
// point of a message (gateway, machine, seq) goes once per message, and each point names its
// message by number, and its metric by number in a list of the batch's metric names. A batch has
// tens of messages and a handful of metrics but tens of thousands of points, so PostgreSQL parses
// a UUID or a name per point no more, and ingest quotes none.
export interface TelemetryColumns {
  messages: {
    gatewayIds: string;
    machineIds: string;
    seqs: string;
    // The first point's timestamp (epoch ms): with gateway and seq, the message's key.
    firstTs: string;
  };
  metricNames: string;
  points: {
    // 1-based, into the message arrays.
    message: string;
    idx: string;
    // Milliseconds after the message's first point: small numbers print several times faster
    // than epoch milliseconds, and printing numbers is most of building these literals.
    tsOffset: string;
    // 1-based, into metricNames.
    metric: string;
    value: string;
  };
}

export function telemetryColumns(messages: TelemetryMessageRows[]): TelemetryColumns {
  const metricNumbers = new Map<string, number>();
  const pointMessage: number[] = [];
  const pointIdx: number[] = [];
  const pointTs: number[] = [];
  const pointMetric: number[] = [];
  const pointValue: number[] = [];
  messages.forEach((message, m) => {
    let idx = 0;
    const first = message.points[0]?.ts ?? 0;
    for (const point of message.points) {
      let metric = metricNumbers.get(point.metric);
      if (metric === undefined) {
        metric = metricNumbers.size + 1;
        metricNumbers.set(point.metric, metric);
      }
      pointMessage.push(m + 1);
      pointIdx.push(idx);
      pointTs.push(point.ts - first);
      pointMetric.push(metric);
      pointValue.push(point.value);
      idx += 1;
    }
  });
  return {
    messages: {
      gatewayIds: textArrayLiteral(messages.map((m) => m.gatewayId)),
      machineIds: textArrayLiteral(messages.map((m) => m.machineId)),
      seqs: numberArrayLiteral(messages.map((m) => m.seq)),
      firstTs: numberArrayLiteral(messages.map((m) => m.points[0]?.ts ?? null)),
    },
    metricNames: textArrayLiteral([...metricNumbers.keys()]),
    points: {
      message: numberArrayLiteral(pointMessage),
      idx: numberArrayLiteral(pointIdx),
      tsOffset: numberArrayLiteral(pointTs),
      metric: numberArrayLiteral(pointMetric),
      value: numberArrayLiteral(pointValue),
    },
  };
}
