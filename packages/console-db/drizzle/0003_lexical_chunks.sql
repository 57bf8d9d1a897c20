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
ALTER TABLE "lexical_chunks" ADD CONSTRAINT "lexical_chunks_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lexical_chunks_terms_idx" ON "lexical_chunks" USING gin ("terms");--> statement-breakpoint
CREATE INDEX "lexical_chunks_source_path_idx" ON "lexical_chunks" USING btree ("source_id","path");