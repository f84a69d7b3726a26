-- Alarm engine: rule versions and persisted evaluation state, ISA-18.2 history, maintenance
-- warnings (anomalies, trend-to-limit) and notification channels, subscriptions and deliveries.

-- A rule's version moves on every edit of its definition; evaluation state of an older version is
-- discarded (the evaluator refuses a state that belongs to another shape of rule).
ALTER TABLE "alarm_rules"
  ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

ALTER TABLE "alarms"
  ADD COLUMN "cleared_by_id" UUID,
  ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- One open alarm per rule and asset: a repeat updates it and counts an occurrence.
CREATE UNIQUE INDEX "alarms_one_open_per_rule_asset" ON "alarms"("rule_id", "asset_id")
  WHERE "state" <> 'cleared_acknowledged' AND "rule_id" IS NOT NULL;
CREATE INDEX "alarms_tenant_id_raised_at_idx" ON "alarms"("tenant_id", "raised_at" DESC, "id" DESC);

-- The evaluator's state per rule and asset (plain JSON, see libs/alarms/util-rules), so a worker
-- restart resumes where it stopped: durations, latches, escalation and repeats continue.
CREATE TABLE "alarm_rule_states" (
    "rule_id" UUID NOT NULL,
    "asset_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "rule_version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alarm_rule_states_pkey" PRIMARY KEY ("rule_id", "asset_id")
);
CREATE INDEX "alarm_rule_states_tenant_id_idx" ON "alarm_rule_states"("tenant_id");

-- Every lifecycle step of an alarm: who, when, from which state to which, and why.
CREATE TABLE "alarm_history" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "alarm_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "action" TEXT NOT NULL,
    "from_state" "alarm_state",
    "to_state" "alarm_state" NOT NULL,
    "severity" "severity" NOT NULL,
    "user_id" UUID,
    "comment" TEXT,
    "message" TEXT,

    CONSTRAINT "alarm_history_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "alarm_history_alarm_id_at_idx" ON "alarm_history"("alarm_id", "at");

-- Predictive maintenance: an anomaly or a forecast crossing, one open warning per asset, kind and
-- metric (a new finding updates it), with the evidence that justified it.
CREATE TABLE "maintenance_warnings" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "asset_id" UUID NOT NULL,
    "site_id" UUID,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('anomaly', 'trend')),
    "metric" TEXT NOT NULL,
    "severity" "severity" NOT NULL,
    "message" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "predicted_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "maintenance_warnings_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "maintenance_warnings_one_open" ON "maintenance_warnings"("asset_id", "kind", "metric")
  WHERE "resolved_at" IS NULL;
CREATE INDEX "maintenance_warnings_tenant_id_last_seen_at_idx" ON "maintenance_warnings"("tenant_id", "last_seen_at");

-- Where notifications go. A webhook's secret signs its payloads (HMAC-SHA256); it is never read
-- back through the API.
CREATE TABLE "notification_channels" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('webhook', 'email')),
    "name" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "secret" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_channels_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notification_channels_webhook_secret" CHECK ("kind" <> 'webhook' OR "secret" IS NOT NULL)
);
CREATE INDEX "notification_channels_tenant_id_idx" ON "notification_channels"("tenant_id");

-- Who hears what: a user's or a site's preference (or the whole tenant's when both are empty):
-- alarms at least as severe as min_severity, on one channel, reminded every repeat_every_ms while
-- active.
CREATE TABLE "notification_subscriptions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "user_id" UUID,
    "site_id" UUID,
    "min_severity" "severity" NOT NULL DEFAULT 'warning',
    "repeat_every_ms" INTEGER CHECK ("repeat_every_ms" IS NULL OR "repeat_every_ms" >= 60000),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_subscriptions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notification_subscriptions_tenant_id_idx" ON "notification_subscriptions"("tenant_id");

-- One row per notification and channel: its id is the delivery id receivers de-duplicate by;
-- dedup_key makes creating it idempotent under job retries.
CREATE TABLE "notification_deliveries" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "alarm_id" UUID,
    "warning_id" UUID,
    "dedup_key" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'delivered', 'failed')),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notification_deliveries_channel_id_dedup_key_key" ON "notification_deliveries"("channel_id", "dedup_key");
CREATE INDEX "notification_deliveries_alarm_id_idx" ON "notification_deliveries"("alarm_id");
CREATE INDEX "notification_deliveries_status_created_at_idx" ON "notification_deliveries"("status", "created_at");

ALTER TABLE "alarm_rule_states" ADD CONSTRAINT "alarm_rule_states_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alarm_rule_states" ADD CONSTRAINT "alarm_rule_states_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alarm_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alarm_history" ADD CONSTRAINT "alarm_history_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alarm_history" ADD CONSTRAINT "alarm_history_alarm_id_fkey" FOREIGN KEY ("alarm_id") REFERENCES "alarms"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "maintenance_warnings" ADD CONSTRAINT "maintenance_warnings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_subscriptions" ADD CONSTRAINT "notification_subscriptions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_subscriptions" ADD CONSTRAINT "notification_subscriptions_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'alarm_rule_states', 'alarm_history', 'maintenance_warnings', 'notification_channels',
    'notification_subscriptions', 'notification_deliveries'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())',
      t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO convergent_app', t);
  END LOOP;
END
$$;

-- The worker's periodic jobs (ticks, maintenance scans, delivery sweeps) run for every tenant and
-- set each tenant before reading its rows: this lists the tenants that have work, ids only.
CREATE FUNCTION alarms_tenants_with_rules()
  RETURNS TABLE (tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT r.tenant_id FROM alarm_rules r WHERE r.enabled
    UNION
    SELECT DISTINCT d.tenant_id FROM notification_deliveries d WHERE d.status = 'pending'
  $$;
REVOKE EXECUTE ON FUNCTION alarms_tenants_with_rules() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION alarms_tenants_with_rules() TO convergent_app;
