CREATE TABLE "source_credentials" (
	"source_id" text PRIMARY KEY NOT NULL,
	"sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sources" DROP CONSTRAINT "sources_provider_check";--> statement-breakpoint
ALTER TABLE "sync_jobs" DROP CONSTRAINT "sync_jobs_trigger_check";--> statement-breakpoint
ALTER TABLE "sync_requests" DROP CONSTRAINT "sync_requests_trigger_check";--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "synced_position" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "url" text;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "target_position" text;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "requests_source" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_requests" ADD COLUMN "recheck" jsonb;--> statement-breakpoint
ALTER TABLE "source_credentials" ADD CONSTRAINT "source_credentials_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_source_external_idx" ON "documents" USING btree ("source_id","external_id");--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_provider_check" CHECK ("sources"."provider" in ('github', 'local', 'linear', 'notion', 'slack', 'vercel'));--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_trigger_check" CHECK ("sync_jobs"."trigger" in ('connect', 'push', 'webhook', 'schedule', 'manual', 'cli', 'reconcile', 'recovery'));--> statement-breakpoint
ALTER TABLE "sync_requests" ADD CONSTRAINT "sync_requests_trigger_check" CHECK ("sync_requests"."trigger" in ('connect', 'push', 'webhook', 'schedule', 'manual', 'cli', 'reconcile', 'recovery'));