-- kpi_results is written close to a million rows at a time by a backfill (1,000 machines × 30
-- days), and PostgreSQL's cost per row was mostly bookkeeping, measured on bench/oee's rows:
-- each of the two foreign keys (tenant, asset) ran a trigger per row, about a quarter of the
-- insert each, and a surrogate uuid key no query used kept an index of its own.
-- Now a row is keyed by its bucket (asset, granularity, start: already unique), and one foreign
-- key names the asset of the same tenant: stricter than the two it replaces, and a tenant's
-- deletion still removes its results through its assets.
ALTER TABLE assets ADD CONSTRAINT assets_id_tenant_id_key UNIQUE (id, tenant_id);

ALTER TABLE kpi_results DROP CONSTRAINT kpi_results_tenant_id_fkey;
ALTER TABLE kpi_results DROP CONSTRAINT kpi_results_asset_id_fkey;
ALTER TABLE kpi_results
  ADD CONSTRAINT kpi_results_asset_id_tenant_id_fkey FOREIGN KEY (asset_id, tenant_id)
  REFERENCES assets (id, tenant_id) ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE kpi_results DROP CONSTRAINT kpi_results_pkey;
ALTER TABLE kpi_results DROP COLUMN id;
ALTER TABLE kpi_results
  ADD CONSTRAINT kpi_results_pkey PRIMARY KEY USING INDEX kpi_results_asset_id_granularity_bucket_start_key;
