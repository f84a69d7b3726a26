-- A gateway's digital twin and its commands (issue 4; docs/device-protocol.md). The desired
-- configuration (desired_config, desired_version: since 0001) gets the time it was set; the
-- reported side keeps what the gateway last said it runs, whether it applied or rejected the
-- desired version, and the gateway's sequence number of that report, so an older report that
-- arrives late does not overwrite a newer one. command_seq numbers the cloud's commands per gateway.

ALTER TABLE "gateways"
  ADD COLUMN "desired_set_at" TIMESTAMPTZ(3),
  ADD COLUMN "reported_status" TEXT CHECK ("reported_status" IN ('applied', 'rejected')),
  ADD COLUMN "reported_error" TEXT,
  ADD COLUMN "reported_at" TIMESTAMPTZ(3),
  ADD COLUMN "reported_seq" BIGINT,
  ADD COLUMN "command_seq" BIGINT NOT NULL DEFAULT 0;

CREATE TYPE "gateway_command_status" AS ENUM ('pending', 'succeeded', 'failed', 'timed_out');

-- One command sent to a gateway and what became of it. status leaves 'pending' once: for the first
-- answer that arrives before the deadline, or for the deadline. An answer after that is kept in
-- response/responded_at but does not change the status.
CREATE TABLE "gateway_commands" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "gateway_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "args" JSONB NOT NULL DEFAULT '{}',
    "requested_by_user_id" UUID,
    "requested_by_api_key_id" UUID,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "status" "gateway_command_status" NOT NULL DEFAULT 'pending',
    "result" JSONB,
    "error" TEXT,
    "completed_at" TIMESTAMPTZ(3),
    "response" JSONB,
    "responded_at" TIMESTAMPTZ(3),

    CONSTRAINT "gateway_commands_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "gateway_commands_deadline_check" CHECK ("deadline" > "issued_at")
);
CREATE UNIQUE INDEX "gateway_commands_gateway_id_seq_key" ON "gateway_commands"("gateway_id", "seq");
CREATE INDEX "gateway_commands_tenant_id_gateway_id_issued_at_idx" ON "gateway_commands"("tenant_id", "gateway_id", "issued_at");

ALTER TABLE "gateway_commands" ADD CONSTRAINT "gateway_commands_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "gateway_commands" ADD CONSTRAINT "gateway_commands_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "gateway_commands" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "gateway_commands" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "gateway_commands"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "gateway_commands" TO convergent_app;
