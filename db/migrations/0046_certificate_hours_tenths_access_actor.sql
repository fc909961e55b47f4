ALTER TABLE "certificate" ALTER COLUMN "hours" SET DATA TYPE numeric(6, 1);--> statement-breakpoint
CREATE INDEX "data_access_log_actor_idx" ON "data_access_log" USING btree ("actor_id","at");