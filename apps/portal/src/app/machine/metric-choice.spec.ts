import {
  DEFAULT_METRICS_SHOWN,
  parseMetricChoice,
  shownMetrics,
  toggleMetric,
  withMetricChoice,
} from './metric-choice';

const many = Array.from({ length: DEFAULT_METRICS_SHOWN + 3 }, (_, i) => `sensor.${i}`);

describe('metric choice', () => {
  it('shows every metric by default, or the first few of many', () => {
    expect(shownMetrics(['a', 'b'], null)).toEqual(['a', 'b']);
    expect(shownMetrics(many, null)).toEqual(many.slice(0, DEFAULT_METRICS_SHOWN));
  });

  it('shows the chosen metrics in the API order, skipping those without readings in the range', () => {
    expect(shownMetrics(['a', 'b', 'c'], ['c', 'a', 'gone'])).toEqual(['a', 'c']);
    expect(shownMetrics(['a', 'b'], [])).toEqual([]);
  });

  it('round-trips through the address bar, keeping the other choices', () => {
    const search = withMetricChoice(new URLSearchParams('range=today&by=day'), ['spindle.speed', 'temp_1']);
    expect(search.toString()).toBe('range=today&by=day&metrics=spindle.speed%2Ctemp_1');
    expect(parseMetricChoice(search)).toEqual(['spindle.speed', 'temp_1']);
    expect(parseMetricChoice(withMetricChoice(search, null))).toBeNull();
    expect(parseMetricChoice(new URLSearchParams('metrics='))).toEqual([]);
  });

  it('toggles a metric, starting from the default when nothing was chosen', () => {
    expect(toggleMetric(many, null, 'sensor.0')).toEqual(many.slice(1, DEFAULT_METRICS_SHOWN));
    expect(toggleMetric(many, null, 'sensor.8')).toEqual([
      ...many.slice(0, DEFAULT_METRICS_SHOWN),
      'sensor.8',
    ]);
    expect(toggleMetric(many, ['sensor.1'], 'sensor.1')).toEqual([]);
  });
});
