CREATE TABLE "lexical_terms" (
	"source_id" text NOT NULL,
	"term" text NOT NULL,
	"chunks" integer NOT NULL,
	CONSTRAINT "lexical_terms_term_source_id_pk" PRIMARY KEY("term","source_id")
);
--> statement-breakpoint
ALTER TABLE "lexical_terms" ADD CONSTRAINT "lexical_terms_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "lexical_terms" ("source_id", "term", "chunks")
SELECT "source_id", "lexeme", count(*) FROM "lexical_chunks", unnest(tsvector_to_array("terms")) AS "lexeme" GROUP BY 1, 2
UNION ALL
SELECT "source_id", '', count(*) FROM "lexical_chunks" GROUP BY 1;
