// A season is a label for a point's time: points of the same label share a baseline level. A
// compressor runs hotter on the day shift than at night; comparing a night reading with the
// daily median would flag every night.
export type SeasonOf = (ts: number) => string;

// Hour of day at a fixed UTC offset (minutes east of UTC). Plant time zones with daylight saving
// pass their own SeasonOf built from the shift calendar instead.
export function hourOfDay(utcOffsetMinutes = 0): SeasonOf {
  return (ts) => String(new Date(ts + utcOffsetMinutes * 60_000).getUTCHours());
}

// Shifts given as [label, startHour] pairs in local hours, e.g. [['early', 6], ['late', 14], ['night', 22]].
export function shiftOfDay(shifts: ReadonlyArray<readonly [string, number]>, utcOffsetMinutes = 0): SeasonOf {
  if (shifts.length === 0) throw new Error('shiftOfDay needs at least one shift');
  const ordered = [...shifts].sort((a, b) => a[1] - b[1]);
  const last = ordered[ordered.length - 1];
  return (ts) => {
    const date = new Date(ts + utcOffsetMinutes * 60_000);
    const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
    // Before the first shift's start the previous day's last shift is still running.
    let label = last?.[0] ?? '';
    for (const [name, start] of ordered) if (hour >= start) label = name;
    return label;
  };
}
