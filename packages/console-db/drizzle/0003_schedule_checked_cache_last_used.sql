ALTER TABLE "sources" ADD COLUMN "schedule_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "embedding_cache" ADD COLUMN "last_used_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "embedding_cache_last_used_idx" ON "embedding_cache" USING btree ("last_used_at");