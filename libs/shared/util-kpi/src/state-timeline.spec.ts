import { describe, expect, it } from '@jest/globals';
import { at, interval, MIN, sample } from './spec-helpers';
import { stateTimeline, type StateSegment } from './state-timeline';

const compact = (segments: StateSegment[]): string[] =>
  segments.map(
    (s) => `${s.start.toISOString().slice(11, 16)}-${s.end.toISOString().slice(11, 16)} ${s.state}`,
  );

const SHIFT = interval('2026-06-10T06:00:00Z', '2026-06-10T08:00:00Z');

describe('state timeline', () => {
  it('takes the state at the bucket start from the last sample before it', () => {
    const timeline = stateTimeline(
      [sample('2026-06-10T07:00:00Z', 'idle'), sample('2026-06-10T05:30:00Z', 'running')],
      SHIFT,
      at('2026-06-10T08:00:00Z'),
      Number.POSITIVE_INFINITY,
    );
    expect(compact(timeline)).toEqual(['06:00-07:00 running', '07:00-08:00 idle']);
  });

  it('turns a silent gateway into unknown time, never running or down', () => {
    const timeline = stateTimeline(
      [sample('2026-06-10T06:00:00Z', 'running'), sample('2026-06-10T07:30:00Z', 'down')],
      SHIFT,
      at('2026-06-10T07:45:00Z'),
      15 * MIN,
    );
    expect(compact(timeline)).toEqual([
      '06:00-06:15 running',
      '06:15-07:30 unknown',
      '07:30-07:45 down',
      '07:45-08:00 unknown',
    ]);
  });

  it('is unknown before the first sample ever seen', () => {
    const timeline = stateTimeline(
      [sample('2026-06-10T06:20:00Z', 'setup')],
      SHIFT,
      at('2026-06-10T09:00:00Z'),
      Infinity,
    );
    expect(compact(timeline)).toEqual(['06:00-06:20 unknown', '06:20-08:00 setup']);
  });

  it('merges repeated heartbeats and lets a re-sent sample with the same timestamp win', () => {
    const timeline = stateTimeline(
      [
        sample('2026-06-10T06:00:00Z', 'running'),
        sample('2026-06-10T06:30:00Z', 'running'),
        sample('2026-06-10T07:00:00Z', 'idle'),
        sample('2026-06-10T07:00:00Z', 'down', 'hydraulics'),
      ],
      SHIFT,
      at('2026-06-10T08:00:00Z'),
      Infinity,
    );
    expect(compact(timeline)).toEqual(['06:00-07:00 running', '07:00-08:00 down']);
    expect(timeline[1]?.reason).toBe('hydraulics');
  });
});
