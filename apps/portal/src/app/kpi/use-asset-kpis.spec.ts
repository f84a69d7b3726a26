import { CombinedError } from 'urql';
import { kpiBucket } from '../spec-helpers';
import { nextKpiState } from './use-asset-kpis';

const hour = kpiBucket('2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z', { plannedBusyTimeMs: 3_600_000 });
const later = kpiBucket('2026-03-10T11:00:00Z', '2026-03-10T12:00:00Z', { plannedBusyTimeMs: 1_800_000 });

describe('nextKpiState', () => {
  it('sorts the hours and totals them', () => {
    const { state } = nextKpiState('m1@a', { data: { assetKpis: [later, hour] } }, null);
    expect(state.status === 'success' && state.buckets.map((b) => b.bucketStart)).toEqual([
      hour.bucketStart,
      later.bucketStart,
    ]);
    expect(state.status === 'success' && state.totals.plannedBusyTimeMs).toBe(5_400_000);
  });

  it('keeps the figures on screen while the same range is asked again with a later end', () => {
    const first = nextKpiState('m1@a', { data: { assetKpis: [hour] } }, null);
    const refetching = nextKpiState('m1@a', {}, first.shown);
    expect(refetching.state).toBe(first.state);
  });

  it('shows loading for another asset or another range start, and errors as they are', () => {
    const first = nextKpiState('m1@a', { data: { assetKpis: [hour] } }, null);
    expect(nextKpiState('m2@a', {}, first.shown).state).toEqual({ status: 'loading' });
    expect(nextKpiState('m1@b', {}, first.shown).state).toEqual({ status: 'loading' });
    const failed = nextKpiState(
      'm1@a',
      { error: new CombinedError({ graphQLErrors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }) },
      first.shown,
    );
    expect(failed.state).toMatchObject({ status: 'error', error: { code: 'FORBIDDEN', message: 'no' } });
  });

  it('does not show the figures of the previous granularity while the new ones load', () => {
    const byHour = nextKpiState('m1@a/HOUR', { data: { assetKpis: [hour] }, answered: 'm1@a/HOUR' }, null);
    // urql still hands out the hourly answer while the shift query runs.
    const switching = nextKpiState(
      'm1@a/SHIFT',
      { data: { assetKpis: [hour] }, answered: 'm1@a/HOUR' },
      byHour.shown,
    );
    expect(switching.state).toEqual({ status: 'loading' });
    const byShift = nextKpiState(
      'm1@a/SHIFT',
      { data: { assetKpis: [] }, answered: 'm1@a/SHIFT' },
      byHour.shown,
    );
    expect(byShift.state).toMatchObject({ status: 'success', buckets: [] });
  });
});
