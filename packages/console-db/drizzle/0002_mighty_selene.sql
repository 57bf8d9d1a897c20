ALTER TABLE "documents" ADD COLUMN "redactions" jsonb;--> statement-breakpoint
ALTER TABLE "blob_staging" ADD COLUMN "redactions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_job_files" ADD COLUMN "redactions" jsonb;