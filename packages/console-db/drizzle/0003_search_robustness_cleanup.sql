CREATE TABLE "lexical_chunks" (
	"vector_id" text PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"path" text NOT NULL,
	"start_line" integer NOT NULL,
	"end_line" integer NOT NULL,
	"symbols" text NOT NULL,
	"commit" text NOT NULL,
	"content" text NOT NULL,
	"terms" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dead_letters" (
	"id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"function_id" text NOT NULL,
	"source_id" text,
	"job_id" text,
	"event" jsonb NOT NULL,
	"error" text NOT NULL,
	"error_name" text,
	"attempts" integer NOT NULL,
	"retryable" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retried_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "dead_letters_run_id_unique" UNIQUE("run_id")
);
--> statement-breakpoint
ALTER TABLE "sync_jobs" DROP CONSTRAINT "sync_jobs_trigger_check";--> statement-breakpoint
ALTER TABLE "sync_requests" DROP CONSTRAINT "sync_requests_trigger_check";--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "schedule_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "resolved_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "embedding_cache" ADD COLUMN "last_used_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "lexical_chunks" ADD CONSTRAINT "lexical_chunks_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lexical_chunks_terms_idx" ON "lexical_chunks" USING gin ("terms");--> statement-breakpoint
CREATE INDEX "lexical_chunks_source_path_idx" ON "lexical_chunks" USING btree ("source_id","path");--> statement-breakpoint
CREATE INDEX "dead_letters_open_idx" ON "dead_letters" USING btree ("source_id","created_at" desc) WHERE "dead_letters"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "embedding_cache_last_used_idx" ON "embedding_cache" USING btree ("last_used_at");--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_trigger_check" CHECK ("sync_jobs"."trigger" in ('connect', 'push', 'schedule', 'manual', 'cli', 'reconcile', 'recovery'));--> statement-breakpoint
ALTER TABLE "sync_requests" ADD CONSTRAINT "sync_requests_trigger_check" CHECK ("sync_requests"."trigger" in ('connect', 'push', 'schedule', 'manual', 'cli', 'reconcile', 'recovery'));