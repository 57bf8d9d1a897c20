CREATE TABLE "webhook_signature_failures" (
	"id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivery_id" text,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "vectors_upserted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "vectors_deleted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "embedding_tokens" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD COLUMN "vectors_upserted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD COLUMN "vectors_deleted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD COLUMN "embedding_tokens" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_signature_failures_received_idx" ON "webhook_signature_failures" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_workspace_unique" ON "alerts" USING btree ("workspace_id","kind") WHERE "alerts"."source_id" is null and "alerts"."resolved_at" is null;