ALTER TABLE "sources" DROP CONSTRAINT "sources_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;