import { parseRangeChoice, rangeSearch, resolveRange, type RangeChoice } from './kpi-range';

const now = new Date('2026-03-30T10:20:00Z'); // 12:20 in Berlin, the day after the spring change
const zone = 'Europe/Berlin';

function custom(fromDate: string | null, toDate: string | null): RangeChoice {
  return { preset: 'custom', fromDate, toDate };
}

describe('KPI ranges', () => {
  it('starts today at local midnight and the last 7 days six local midnights earlier', () => {
    const today = resolveRange({ preset: 'today', fromDate: null, toDate: null }, now, zone);
    expect(today.ok && today.range.from.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const week = resolveRange({ preset: 'last-7-days', fromDate: null, toDate: null }, now, zone);
    // 24 March was still winter time.
    expect(week.ok && week.range.from.toISOString()).toBe('2026-03-23T23:00:00.000Z');
    expect(week.ok && week.range.to).toBe(now);
  });

  it('covers the last 24 local hours including the current one', () => {
    const last = resolveRange({ preset: 'last-24h', fromDate: null, toDate: null }, now, zone);
    expect(last.ok && last.range.from.toISOString()).toBe('2026-03-29T11:00:00.000Z');
  });

  it('takes a custom range as whole local days, up to now', () => {
    const range = resolveRange(custom('2026-03-28', '2026-03-30'), now, zone);
    expect(range.ok && range.range.from.toISOString()).toBe('2026-03-27T23:00:00.000Z');
    expect(range.ok && range.range.to).toBe(now);
    const past = resolveRange(custom('2026-03-28', '2026-03-28'), now, zone);
    expect(past.ok && past.range.to.toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it.each<[RangeChoice, string]>([
    [custom(null, '2026-03-01'), 'Choose a first and a last day.'],
    [custom('2026-03-05', '2026-03-01'), 'The last day is before the first day.'],
    [custom('2026-04-05', '2026-04-06'), 'The first day is in the future.'],
    [custom('2026-01-01', '2026-03-01'), 'Choose at most 31 days.'],
  ])('says what is wrong with a custom range', (choice, problem) => {
    expect(resolveRange(choice, now, zone)).toEqual({ ok: false, problem });
  });

  it('accepts exactly 31 days, across a daylight-saving change', () => {
    expect(resolveRange(custom('2026-03-01', '2026-03-31'), new Date('2026-04-10T00:00:00Z'), zone).ok).toBe(
      true,
    );
  });

  it('round-trips through the address bar and falls back to today for anything unknown', () => {
    const choice = custom('2026-03-01', '2026-03-07');
    expect(parseRangeChoice(rangeSearch(choice))).toEqual(choice);
    const today = rangeSearch({ preset: 'today', fromDate: null, toDate: null }, rangeSearch(choice));
    expect(today.get('from')).toBeNull();
    expect(rangeSearch(choice, new URLSearchParams('by=day&metrics=a')).toString()).toBe(
      'by=day&metrics=a&range=custom&from=2026-03-01&to=2026-03-07',
    );
    expect(parseRangeChoice(new URLSearchParams('range=forever&from=x'))).toEqual({
      preset: 'today',
      fromDate: null,
      toDate: null,
    });
  });
});
