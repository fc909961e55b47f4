ALTER TABLE "institution" ADD COLUMN "npsn" text;--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "level" text;--> statement-breakpoint
CREATE UNIQUE INDEX "institution_npsn_uq" ON "institution" USING btree ("npsn");--> statement-breakpoint
CREATE INDEX "institution_name_trgm_idx" ON "institution" USING gin (lower("name") gin_trgm_ops);