ALTER TABLE "membership" ADD COLUMN "sort_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "membership_roster_idx" ON "membership" USING btree ("chapter_id","role","status","sort_name","user_id");--> statement-breakpoint
CREATE INDEX "membership_roster_all_idx" ON "membership" USING btree ("chapter_id","role","sort_name","user_id");