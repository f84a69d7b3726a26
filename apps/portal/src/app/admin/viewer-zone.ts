import type { Asset } from '../api/operations';
import { usableTimeZone } from '../format/format';

export interface ViewerZone {
  timeZone: string;
  // Why the times are in UTC, when they are: said next to them.
  utcBecause: string | null;
}

// null: missing, or a name the browser does not know (which usableTimeZone turns into UTC).
function knownZone(timeZone: string | null | undefined): string | null {
  if (!timeZone) return null;
  const usable = usableTimeZone(timeZone);
  return usable === 'UTC' && timeZone !== 'UTC' ? null : usable;
}

// Times that belong to no site (audit entries, key expiry) are shown in the zone of the viewer's
// sites when they all share one; otherwise in UTC, labelled, rather than in a guessed zone.
export function viewerZone(assets: readonly Asset[]): ViewerZone {
  const zones = new Set(assets.filter((a) => a.kind === 'site').map((a) => knownZone(a.timeZone)));
  const [only] = [...zones];
  if (zones.size === 1 && only && only !== 'UTC') return { timeZone: only, utcBecause: null };
  if (zones.size === 0) return { timeZone: 'UTC', utcBecause: 'you see no site' };
  if (zones.size > 1) return { timeZone: 'UTC', utcBecause: 'your sites are in several time zones' };
  return { timeZone: 'UTC', utcBecause: only === 'UTC' ? null : 'your site has no known time zone' };
}

export function zoneLabel(zone: ViewerZone): string {
  return zone.utcBecause ? `Times in UTC (${zone.utcBecause})` : `Times in ${zone.timeZone}`;
}
