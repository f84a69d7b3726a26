import type { Condition, RuleDefinition } from '@convergent/alarms-util-rules';
import type { Limit } from './trend';

// The limits an alarm rule would fire at: what a trend can be forecast against. Thresholds give
// one side, ranges both; machine-state, rate and no-data conditions have no level to reach.
export function ruleLimits(rule: RuleDefinition): Limit[] {
  const out: Limit[] = [];
  const visit = (c: Condition): void => {
    switch (c.kind) {
      case 'all':
      case 'any':
        c.conditions.forEach(visit);
        return;
      case 'threshold':
        out.push({
          metric: c.metric,
          value: c.value,
          direction: c.op === '>' || c.op === '>=' ? 'above' : 'below',
        });
        return;
      case 'range':
        out.push({ metric: c.metric, value: c.max, direction: 'above' });
        out.push({ metric: c.metric, value: c.min, direction: 'below' });
        return;
      case 'rate':
      case 'state':
      case 'noData':
        return;
    }
  };
  visit(rule.condition);
  return out;
}
