-- An edge is its key (source, from path, kind, target): the generated id goes (and its primary
-- key with it, first, so the table never has two), and the edge's unique constraint becomes the
-- primary key.
ALTER TABLE "relationships" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "relationships" DROP CONSTRAINT "relationships_edge_unique";--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_edge_pk" PRIMARY KEY("source_id","from_path","kind","target");
