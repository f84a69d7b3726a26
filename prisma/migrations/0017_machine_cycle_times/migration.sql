-- A machine may run a product at its own ideal cycle time (an older press, a faster cell): the
-- override wins over the product's default wherever the KPI engine reads a PRU.
CREATE TABLE "machine_cycle_times" (
    "tenant_id" UUID NOT NULL,
    "machine_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "ideal_cycle_time_ms" DOUBLE PRECISION NOT NULL CHECK ("ideal_cycle_time_ms" > 0 AND "ideal_cycle_time_ms" <= 86400000),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "machine_cycle_times_pkey" PRIMARY KEY ("machine_id", "product_id")
);
CREATE INDEX "machine_cycle_times_product_id_idx" ON "machine_cycle_times"("product_id");
CREATE INDEX "machine_cycle_times_tenant_id_idx" ON "machine_cycle_times"("tenant_id");

ALTER TABLE "machine_cycle_times" ADD CONSTRAINT "machine_cycle_times_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "machine_cycle_times" ADD CONSTRAINT "machine_cycle_times_machine_id_fkey" FOREIGN KEY ("machine_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Deleting a product removes its overrides with it (a product that ran cannot be deleted anyway).
ALTER TABLE "machine_cycle_times" ADD CONSTRAINT "machine_cycle_times_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "machine_cycle_times" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "machine_cycle_times" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "machine_cycle_times"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "machine_cycle_times" TO convergent_app;
