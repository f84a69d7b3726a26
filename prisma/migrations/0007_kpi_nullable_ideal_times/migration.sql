-- An ideal time is unknown (not 0) when parts were counted without an ideal cycle time; roll-ups
-- must see that to report effectiveness and OEE as unknown instead of better than they are.
ALTER TABLE kpi_results ALTER COLUMN ideal_production_ms DROP NOT NULL;
ALTER TABLE kpi_results ALTER COLUMN ideal_good_ms DROP NOT NULL;
