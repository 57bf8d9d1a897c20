ALTER TABLE "sync_jobs" DROP CONSTRAINT "sync_jobs_trigger_check";--> statement-breakpoint
ALTER TABLE "sync_jobs" DROP CONSTRAINT "sync_jobs_status_check";--> statement-breakpoint
ALTER TABLE "sync_requests" DROP CONSTRAINT "sync_requests_trigger_check";--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "connection" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "lease_holder" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "needs_reconcile" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "redactions" jsonb;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "fanned_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "staged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "worker_heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "blob_staging" ADD COLUMN "redactions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_job_files" ADD COLUMN "redactions" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "replay_key" text;--> statement-breakpoint
CREATE INDEX "sync_batches_heartbeat_idx" ON "sync_batches" USING btree ("heartbeat_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_replay_idx" ON "webhook_deliveries" USING btree ("replay_key");--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_trigger_check" CHECK ("sync_jobs"."trigger" in ('connect', 'push', 'schedule', 'manual', 'cli', 'reconcile'));--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_status_check" CHECK ("sync_jobs"."status" in ('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled', 'superseded'));--> statement-breakpoint
ALTER TABLE "sync_requests" ADD CONSTRAINT "sync_requests_trigger_check" CHECK ("sync_requests"."trigger" in ('connect', 'push', 'schedule', 'manual', 'cli', 'reconcile'));