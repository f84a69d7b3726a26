import type { StateSample } from '@convergent/shared-util-kpi';
import { machineTimeline } from './machine-state-history';

const at = (hhmm: string) => new Date(`2026-03-10T${hhmm}:00.000Z`);
const range = { start: at('08:00'), end: at('09:00') };
const later = at('12:00');

function intervals(samples: StateSample[], now = later) {
  return machineTimeline(samples, range, now, new Map([['JAM', 'Material jam']])).map((i) => ({
    state: i.state,
    reason: i.reason,
    reasonName: i.reasonName,
    from: i.start.toISOString().slice(11, 16),
    to: i.end.toISOString().slice(11, 16),
  }));
}

describe('machineTimeline', () => {
  it('clips an interval that began before the range to the range start', () => {
    expect(
      intervals([
        { ts: at('07:55'), state: 'running' },
        { ts: at('08:05'), state: 'down', reason: 'JAM' },
        { ts: at('08:10'), state: 'running' },
      ]).slice(0, 2),
    ).toEqual([
      { state: 'running', reason: null, reasonName: null, from: '08:00', to: '08:05' },
      { state: 'down', reason: 'JAM', reasonName: 'Material jam', from: '08:05', to: '08:10' },
    ]);
  });

  it('reports a silent gateway as unknown instead of the last state running on', () => {
    expect(
      intervals([
        { ts: at('08:00'), state: 'running' },
        { ts: at('08:40'), state: 'idle' },
      ]),
    ).toEqual([
      { state: 'running', reason: null, reasonName: null, from: '08:00', to: '08:15' },
      { state: 'unknown', reason: null, reasonName: null, from: '08:15', to: '08:40' },
      { state: 'idle', reason: null, reasonName: null, from: '08:40', to: '08:55' },
      { state: 'unknown', reason: null, reasonName: null, from: '08:55', to: '09:00' },
    ]);
  });

  it('is unknown before the first sample, and ends at now rather than in the future', () => {
    expect(intervals([{ ts: at('08:20'), state: 'setup' }], at('08:30'))).toEqual([
      { state: 'unknown', reason: null, reasonName: null, from: '08:00', to: '08:20' },
      { state: 'setup', reason: null, reasonName: null, from: '08:20', to: '08:30' },
    ]);
    expect(intervals([], at('07:00'))).toEqual([]);
  });

  it('names a reason code the tenant has not configured by its code only', () => {
    expect(intervals([{ ts: at('08:00'), state: 'down', reason: 'E42' }], at('08:05'))).toEqual([
      { state: 'down', reason: 'E42', reasonName: null, from: '08:00', to: '08:05' },
    ]);
  });
});
