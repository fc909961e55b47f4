ALTER TABLE "membership" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "membership" ADD COLUMN "kecamatan_code" text;--> statement-breakpoint
ALTER TABLE "membership" ADD COLUMN "availability" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "membership_roster_kecamatan_idx" ON "membership" USING btree ("chapter_id","role","kecamatan_code","sort_name","user_id");--> statement-breakpoint
CREATE INDEX "membership_search_trgm_idx" ON "membership" USING gin ("search_text" gin_trgm_ops);