CREATE TABLE "sync_job_runs" (
	"job_id" text NOT NULL,
	"run_id" text NOT NULL,
	"function_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_job_runs_job_id_run_id_pk" PRIMARY KEY("job_id","run_id")
);
--> statement-breakpoint
ALTER TABLE "sync_job_runs" ADD CONSTRAINT "sync_job_runs_job_id_sync_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."sync_jobs"("id") ON DELETE cascade ON UPDATE no action;