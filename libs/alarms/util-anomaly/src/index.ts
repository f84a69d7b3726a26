// Predictive maintenance without I/O: robust anomaly scores against a learned (optionally
// seasonal) baseline, and Theil–Sen trend forecasts of when a series reaches a rule's limit.
export { MAD_TO_SIGMA, median, quantileOfSorted, robustSpread } from './robust-stats';
export type { Point } from './series';
export { cleanSeries } from './series';
export type { SeasonOf } from './seasons';
export { chooseSeason, hourOfDay, seasonalStrength, shiftOfDay } from './seasons';
export type { AnomalyEvidence, AnomalyOptions, ScoredPoint } from './anomaly';
export { DEFAULT_THRESHOLD, detectAnomalies, scoreSeries } from './anomaly';
export type { CrossingEstimate, CrossingOptions, Limit, TheilSenFit } from './trend';
export { describeCrossing, estimateCrossing, theilSen } from './trend';
export { ruleLimits } from './limits';
