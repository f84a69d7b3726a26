-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "tenant_status" AS ENUM ('active', 'suspended');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('admin', 'operator', 'technician', 'viewer');

-- CreateEnum
CREATE TYPE "platform_role" AS ENUM ('none', 'platform_admin');

-- CreateEnum
CREATE TYPE "asset_kind" AS ENUM ('enterprise', 'site', 'area', 'line', 'cell', 'machine');

-- CreateEnum
CREATE TYPE "gateway_status" AS ENUM ('pending', 'active', 'suspended', 'decommissioned');

-- CreateEnum
CREATE TYPE "loss_class" AS ENUM ('planned', 'breakdown', 'setup', 'minor_stop', 'reduced_speed', 'startup_reject', 'production_reject');

-- CreateEnum
CREATE TYPE "granularity" AS ENUM ('hour', 'shift', 'day', 'week');

-- CreateEnum
CREATE TYPE "severity" AS ENUM ('critical', 'major', 'minor', 'warning', 'info');

-- CreateEnum
CREATE TYPE "alarm_state" AS ENUM ('active_unacknowledged', 'active_acknowledged', 'cleared_unacknowledged', 'cleared_acknowledged');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "tenant_status" NOT NULL DEFAULT 'active',
    "max_gateways" INTEGER NOT NULL DEFAULT 50,
    "max_messages_per_minute" INTEGER NOT NULL DEFAULT 60000,
    "retention_days" INTEGER NOT NULL DEFAULT 90,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT,
    "platform_role" "platform_role" NOT NULL DEFAULT 'none',
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "role" NOT NULL,
    "all_sites" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership_sites" (
    "tenant_id" UUID NOT NULL,
    "membership_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,

    CONSTRAINT "membership_sites_pkey" PRIMARY KEY ("membership_id","site_id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "rotated_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assets" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "parent_id" UUID,
    "kind" "asset_kind" NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT,
    "ancestors" UUID[],
    "depth" INTEGER NOT NULL,
    "site_id" UUID,
    "time_zone" TEXT,
    "current_product_id" UUID,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ideal_cycle_time_ms" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "machine_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "product_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shift_calendars" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "asset_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shift_calendars_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shift_definitions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "calendar_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "start_time" TEXT NOT NULL,
    "end_time" TEXT NOT NULL,
    "days_of_week" INTEGER[],
    "crews" TEXT[],
    "rotation_offset" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "shift_definitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "planned_stops" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "calendar_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "start_time" TEXT NOT NULL,
    "end_time" TEXT NOT NULL,
    "days_of_week" INTEGER[],
    "reason_id" UUID,

    CONSTRAINT "planned_stops_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holidays" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "calendar_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "holidays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "planned_downtime" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "asset_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reason_id" UUID,
    "note" TEXT,

    CONSTRAINT "planned_downtime_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "downtime_reasons" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "loss_class" "loss_class" NOT NULL,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "downtime_reasons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gateways" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "thing_name" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serial_number" TEXT,
    "status" "gateway_status" NOT NULL DEFAULT 'pending',
    "certificate_id" TEXT,
    "certificate_fingerprint" TEXT,
    "certificate_expires_at" TIMESTAMPTZ(3),
    "online" BOOLEAN NOT NULL DEFAULT false,
    "last_seen_at" TIMESTAMPTZ(3),
    "agent_version" TEXT,
    "desired_config" JSONB NOT NULL DEFAULT '{}',
    "desired_version" INTEGER NOT NULL DEFAULT 0,
    "reported_config" JSONB,
    "reported_version" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decommissioned_at" TIMESTAMPTZ(3),

    CONSTRAINT "gateways_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gateway_machines" (
    "tenant_id" UUID NOT NULL,
    "gateway_id" UUID NOT NULL,
    "machine_id" UUID NOT NULL,
    "source_key" TEXT NOT NULL,
    "tag_mapping" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "gateway_machines_pkey" PRIMARY KEY ("gateway_id","source_key")
);

-- CreateTable
CREATE TABLE "provisioning_claims" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expected_serial" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "consumed_at" TIMESTAMPTZ(3),
    "consumed_by_gateway_id" UUID,
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provisioning_claims_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_results" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "asset_id" UUID NOT NULL,
    "granularity" "granularity" NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "bucket_end" TIMESTAMPTZ(3) NOT NULL,
    "shift_name" TEXT,
    "pot_ms" DOUBLE PRECISION NOT NULL,
    "pdt_ms" DOUBLE PRECISION NOT NULL,
    "apt_ms" DOUBLE PRECISION NOT NULL,
    "asut_ms" DOUBLE PRECISION NOT NULL,
    "adet_ms" DOUBLE PRECISION NOT NULL,
    "unknown_ms" DOUBLE PRECISION NOT NULL,
    "produced_quantity" INTEGER NOT NULL,
    "scrap_quantity" INTEGER NOT NULL,
    "rework_quantity" INTEGER NOT NULL,
    "ideal_production_ms" DOUBLE PRECISION NOT NULL,
    "ideal_good_ms" DOUBLE PRECISION NOT NULL,
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "down_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "availability" DOUBLE PRECISION,
    "effectiveness" DOUBLE PRECISION,
    "quality" DOUBLE PRECISION,
    "oee" DOUBLE PRECISION,
    "final" BOOLEAN NOT NULL DEFAULT false,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_dirty_hours" (
    "tenant_id" UUID NOT NULL,
    "machine_id" UUID NOT NULL,
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "marked_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_dirty_hours_pkey" PRIMARY KEY ("machine_id","hour_start")
);

-- CreateTable
CREATE TABLE "alarm_rules" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "asset_id" UUID,
    "asset_kind" "asset_kind",
    "name" TEXT NOT NULL,
    "severity" "severity" NOT NULL,
    "condition" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alarm_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarms" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "rule_id" UUID,
    "asset_id" UUID NOT NULL,
    "site_id" UUID,
    "state" "alarm_state" NOT NULL,
    "severity" "severity" NOT NULL,
    "message" TEXT NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "last_value" DOUBLE PRECISION,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by_id" UUID,
    "cleared_at" TIMESTAMPTZ(3),
    "shelved_until" TIMESTAMPTZ(3),

    CONSTRAINT "alarms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "actor_user_id" UUID,
    "actor_api_key_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dead_letters" (
    "id" UUID NOT NULL,
    "tenant_id" UUID,
    "thing_name" TEXT,
    "topic" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_tenant_id_user_id_key" ON "memberships"("tenant_id", "user_id");

-- CreateIndex
CREATE INDEX "membership_sites_tenant_id_idx" ON "membership_sites"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens"("family_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_tenant_id_idx" ON "refresh_tokens"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_idx" ON "api_keys"("tenant_id");

-- CreateIndex
CREATE INDEX "assets_tenant_id_kind_idx" ON "assets"("tenant_id", "kind");

-- CreateIndex
CREATE INDEX "assets_ancestors_idx" ON "assets" USING GIN ("ancestors");

-- CreateIndex
CREATE INDEX "assets_site_id_idx" ON "assets"("site_id");

-- CreateIndex
CREATE UNIQUE INDEX "assets_tenant_id_parent_id_name_key" ON "assets"("tenant_id", "parent_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "products_tenant_id_code_key" ON "products"("tenant_id", "code");

-- CreateIndex
CREATE INDEX "product_runs_machine_id_started_at_idx" ON "product_runs"("machine_id", "started_at");

-- CreateIndex
CREATE INDEX "product_runs_tenant_id_idx" ON "product_runs"("tenant_id");

-- CreateIndex
CREATE INDEX "shift_calendars_tenant_id_idx" ON "shift_calendars"("tenant_id");

-- CreateIndex
CREATE INDEX "shift_calendars_asset_id_idx" ON "shift_calendars"("asset_id");

-- CreateIndex
CREATE INDEX "shift_definitions_tenant_id_idx" ON "shift_definitions"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "shift_definitions_calendar_id_name_key" ON "shift_definitions"("calendar_id", "name");

-- CreateIndex
CREATE INDEX "planned_stops_tenant_id_idx" ON "planned_stops"("tenant_id");

-- CreateIndex
CREATE INDEX "holidays_tenant_id_idx" ON "holidays"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "holidays_calendar_id_date_key" ON "holidays"("calendar_id", "date");

-- CreateIndex
CREATE INDEX "planned_downtime_tenant_id_idx" ON "planned_downtime"("tenant_id");

-- CreateIndex
CREATE INDEX "planned_downtime_asset_id_starts_at_idx" ON "planned_downtime"("asset_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "downtime_reasons_tenant_id_code_key" ON "downtime_reasons"("tenant_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "gateways_thing_name_key" ON "gateways"("thing_name");

-- CreateIndex
CREATE INDEX "gateways_tenant_id_site_id_idx" ON "gateways"("tenant_id", "site_id");

-- CreateIndex
CREATE INDEX "gateway_machines_tenant_id_idx" ON "gateway_machines"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "gateway_machines_machine_id_key" ON "gateway_machines"("machine_id");

-- CreateIndex
CREATE UNIQUE INDEX "provisioning_claims_token_hash_key" ON "provisioning_claims"("token_hash");

-- CreateIndex
CREATE INDEX "provisioning_claims_tenant_id_idx" ON "provisioning_claims"("tenant_id");

-- CreateIndex
CREATE INDEX "kpi_results_tenant_id_granularity_bucket_start_idx" ON "kpi_results"("tenant_id", "granularity", "bucket_start");

-- CreateIndex
CREATE UNIQUE INDEX "kpi_results_asset_id_granularity_bucket_start_key" ON "kpi_results"("asset_id", "granularity", "bucket_start");

-- CreateIndex
CREATE INDEX "kpi_dirty_hours_tenant_id_idx" ON "kpi_dirty_hours"("tenant_id");

-- CreateIndex
CREATE INDEX "alarm_rules_tenant_id_idx" ON "alarm_rules"("tenant_id");

-- CreateIndex
CREATE INDEX "alarms_tenant_id_state_idx" ON "alarms"("tenant_id", "state");

-- CreateIndex
CREATE INDEX "alarms_asset_id_raised_at_idx" ON "alarms"("asset_id", "raised_at");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_at_idx" ON "audit_log"("tenant_id", "at");

-- CreateIndex
CREATE INDEX "dead_letters_tenant_id_received_at_idx" ON "dead_letters"("tenant_id", "received_at");

-- CreateIndex
CREATE INDEX "dead_letters_thing_name_received_at_idx" ON "dead_letters"("thing_name", "received_at");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership_sites" ADD CONSTRAINT "membership_sites_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership_sites" ADD CONSTRAINT "membership_sites_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assets" ADD CONSTRAINT "assets_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assets" ADD CONSTRAINT "assets_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assets" ADD CONSTRAINT "assets_current_product_id_fkey" FOREIGN KEY ("current_product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_runs" ADD CONSTRAINT "product_runs_machine_id_fkey" FOREIGN KEY ("machine_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_runs" ADD CONSTRAINT "product_runs_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shift_calendars" ADD CONSTRAINT "shift_calendars_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shift_calendars" ADD CONSTRAINT "shift_calendars_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shift_definitions" ADD CONSTRAINT "shift_definitions_calendar_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "shift_calendars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planned_stops" ADD CONSTRAINT "planned_stops_calendar_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "shift_calendars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planned_stops" ADD CONSTRAINT "planned_stops_reason_id_fkey" FOREIGN KEY ("reason_id") REFERENCES "downtime_reasons"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_calendar_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "shift_calendars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planned_downtime" ADD CONSTRAINT "planned_downtime_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planned_downtime" ADD CONSTRAINT "planned_downtime_reason_id_fkey" FOREIGN KEY ("reason_id") REFERENCES "downtime_reasons"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "downtime_reasons" ADD CONSTRAINT "downtime_reasons_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateways" ADD CONSTRAINT "gateways_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateways" ADD CONSTRAINT "gateways_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_machines" ADD CONSTRAINT "gateway_machines_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_machines" ADD CONSTRAINT "gateway_machines_machine_id_fkey" FOREIGN KEY ("machine_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_claims" ADD CONSTRAINT "provisioning_claims_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_claims" ADD CONSTRAINT "provisioning_claims_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpi_results" ADD CONSTRAINT "kpi_results_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpi_results" ADD CONSTRAINT "kpi_results_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alarm_rules" ADD CONSTRAINT "alarm_rules_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alarm_rules" ADD CONSTRAINT "alarm_rules_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alarm_rules"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

