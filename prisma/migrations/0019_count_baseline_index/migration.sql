-- KPIs of any range start from the last cumulative reading of each counter before it (the
-- baseline). Machines that send increments have no cumulative readings, and finding that out
-- walked back through every count the machine ever sent: a backfill's last day, or the live shift
-- every minute, read a machine's whole history. This index holds only cumulative readings, so the
-- baseline of a counter is one index probe, and increment-only machines add nothing to it.
CREATE INDEX production_count_events_cumulative_baseline
  ON production_count_events (machine_id, counter, ts)
  WHERE cumulative IS NOT NULL;
