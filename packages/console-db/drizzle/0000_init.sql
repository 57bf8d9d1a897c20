CREATE TABLE "stores" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"embedding_provider" text NOT NULL,
	"embedding_model" text NOT NULL,
	"embedding_dimensions" integer NOT NULL,
	"vector_backend" text NOT NULL,
	"vector_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"chunking" jsonb DEFAULT '{"maxTokens":512,"overlapTokens":0}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stores_workspace_name_unique" UNIQUE("workspace_id","name"),
	CONSTRAINT "stores_vector_backend_check" CHECK ("stores"."vector_backend" in ('pgvector', 'pinecone'))
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"store_id" text NOT NULL,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"full_name" text NOT NULL,
	"owner" text,
	"name" text NOT NULL,
	"location" text NOT NULL,
	"branch" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"synced_commit" text,
	"synced_at" timestamp with time zone,
	"sync_interval_minutes" integer DEFAULT 60 NOT NULL,
	"config" jsonb,
	"last_error" text,
	"installation_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_workspace_provider_external_unique" UNIQUE("workspace_id","provider","external_id"),
	CONSTRAINT "sources_provider_check" CHECK ("sources"."provider" in ('github', 'local')),
	CONSTRAINT "sources_status_check" CHECK ("sources"."status" in ('active', 'paused', 'removed'))
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"path" text NOT NULL,
	"blob_sha" text NOT NULL,
	"content_hash" text,
	"chunk_hashes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"token_count" integer DEFAULT 0 NOT NULL,
	"bytes" integer DEFAULT 0 NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"error" text,
	"commit" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_source_path_unique" UNIQUE("source_id","path"),
	CONSTRAINT "documents_outcome_check" CHECK ("documents"."outcome" in ('indexed', 'skipped', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "sync_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"trigger" text NOT NULL,
	"requested_sha" text,
	"target_commit" text,
	"base_commit" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"files_seen" integer DEFAULT 0 NOT NULL,
	"files_indexed" integer DEFAULT 0 NOT NULL,
	"files_unchanged" integer DEFAULT 0 NOT NULL,
	"files_deleted" integer DEFAULT 0 NOT NULL,
	"files_failed" integer DEFAULT 0 NOT NULL,
	"skipped_by_reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"chunks_total" integer DEFAULT 0 NOT NULL,
	"chunks_embedded" integer DEFAULT 0 NOT NULL,
	"chunks_reused" integer DEFAULT 0 NOT NULL,
	"requests_embedding" integer DEFAULT 0 NOT NULL,
	"requests_github" integer DEFAULT 0 NOT NULL,
	"batches_total" integer DEFAULT 0 NOT NULL,
	"batches_done" integer DEFAULT 0 NOT NULL,
	"batches_failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"run_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_jobs_trigger_check" CHECK ("sync_jobs"."trigger" in ('connect', 'push', 'schedule', 'manual', 'cli')),
	CONSTRAINT "sync_jobs_status_check" CHECK ("sync_jobs"."status" in ('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "sync_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"requested_sha" text,
	"trigger" text NOT NULL,
	"delivery_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"consumed_by_job_id" text,
	CONSTRAINT "sync_requests_source_delivery_unique" UNIQUE("source_id","delivery_id"),
	CONSTRAINT "sync_requests_trigger_check" CHECK ("sync_requests"."trigger" in ('connect', 'push', 'schedule', 'manual', 'cli'))
);
--> statement-breakpoint
CREATE TABLE "blob_staging" (
	"job_id" text NOT NULL,
	"sha" text NOT NULL,
	"content" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blob_staging_pk" PRIMARY KEY("job_id","sha")
);
--> statement-breakpoint
CREATE TABLE "sync_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"files" jsonb NOT NULL,
	"bytes" integer DEFAULT 0 NOT NULL,
	"files_indexed" integer DEFAULT 0 NOT NULL,
	"files_unchanged" integer DEFAULT 0 NOT NULL,
	"files_deleted" integer DEFAULT 0 NOT NULL,
	"files_failed" integer DEFAULT 0 NOT NULL,
	"skipped_by_reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"chunks_total" integer DEFAULT 0 NOT NULL,
	"chunks_embedded" integer DEFAULT 0 NOT NULL,
	"chunks_reused" integer DEFAULT 0 NOT NULL,
	"requests_embedding" integer DEFAULT 0 NOT NULL,
	"requests_github" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_batches_job_seq_unique" UNIQUE("job_id","seq"),
	CONSTRAINT "sync_batches_kind_check" CHECK ("sync_batches"."kind" in ('upsert', 'delete')),
	CONSTRAINT "sync_batches_status_check" CHECK ("sync_batches"."status" in ('pending', 'running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "sync_job_files" (
	"job_id" text NOT NULL,
	"path" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"error" text,
	"batch_seq" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_job_files_pk" PRIMARY KEY("job_id","path"),
	CONSTRAINT "sync_job_files_outcome_check" CHECK ("sync_job_files"."outcome" in ('indexed', 'unchanged', 'skipped', 'failed', 'deleted'))
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"delivery_id" text PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"action" text,
	"repository_id" text,
	"repository_full_name" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text DEFAULT 'received' NOT NULL,
	"detail" text,
	CONSTRAINT "webhook_deliveries_outcome_check" CHECK ("webhook_deliveries"."outcome" in ('received', 'processed', 'duplicate', 'ignored', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" text PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"from_path" text NOT NULL,
	"from_blob_sha" text NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"target_path" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationships_edge_unique" UNIQUE("source_id","from_path","kind","target"),
	CONSTRAINT "relationships_kind_check" CHECK ("relationships"."kind" in ('import', 'link', 'issue_ref', 'url', 'issue_key'))
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"source_id" text,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "alerts_severity_check" CHECK ("alerts"."severity" in ('info', 'warning', 'critical'))
);
--> statement-breakpoint
CREATE TABLE "embedding_cache" (
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"dimensions" integer NOT NULL,
	"text_hash" text NOT NULL,
	"vector" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "embedding_cache_pk" PRIMARY KEY("provider","model","dimensions","text_hash")
);
--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_requests" ADD CONSTRAINT "sync_requests_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_requests" ADD CONSTRAINT "sync_requests_consumed_by_job_id_sync_jobs_id_fk" FOREIGN KEY ("consumed_by_job_id") REFERENCES "public"."sync_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blob_staging" ADD CONSTRAINT "blob_staging_job_id_sync_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."sync_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD CONSTRAINT "sync_batches_job_id_sync_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."sync_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_job_files" ADD CONSTRAINT "sync_job_files_job_id_sync_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."sync_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stores_workspace_idx" ON "stores" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "sources_provider_external_idx" ON "sources" USING btree ("provider","external_id");--> statement-breakpoint
CREATE INDEX "sources_store_idx" ON "sources" USING btree ("store_id");--> statement-breakpoint
CREATE INDEX "sources_due_idx" ON "sources" USING btree ("synced_at") WHERE "sources"."status" = 'active';--> statement-breakpoint
CREATE INDEX "documents_source_blob_idx" ON "documents" USING btree ("source_id","blob_sha");--> statement-breakpoint
CREATE INDEX "documents_source_outcome_idx" ON "documents" USING btree ("source_id","outcome");--> statement-breakpoint
CREATE INDEX "sync_jobs_source_created_idx" ON "sync_jobs" USING btree ("source_id","created_at" desc);--> statement-breakpoint
CREATE INDEX "sync_jobs_open_idx" ON "sync_jobs" USING btree ("source_id") WHERE "sync_jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "sync_requests_pending_idx" ON "sync_requests" USING btree ("source_id","created_at") WHERE "sync_requests"."consumed_by_job_id" is null;--> statement-breakpoint
CREATE INDEX "sync_batches_job_status_idx" ON "sync_batches" USING btree ("job_id","status");--> statement-breakpoint
CREATE INDEX "sync_job_files_problems_idx" ON "sync_job_files" USING btree ("job_id","outcome") WHERE "sync_job_files"."outcome" in ('skipped', 'failed');--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_idx" ON "webhook_deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_repository_idx" ON "webhook_deliveries" USING btree ("repository_id","received_at");--> statement-breakpoint
CREATE INDEX "relationships_target_path_idx" ON "relationships" USING btree ("source_id","target_path");--> statement-breakpoint
CREATE INDEX "activities_workspace_created_idx" ON "activities" USING btree ("workspace_id","created_at" desc);--> statement-breakpoint
CREATE INDEX "activities_subject_idx" ON "activities" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_unique" ON "alerts" USING btree ("source_id","kind") WHERE "alerts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "alerts_workspace_open_idx" ON "alerts" USING btree ("workspace_id","created_at") WHERE "alerts"."resolved_at" is null;