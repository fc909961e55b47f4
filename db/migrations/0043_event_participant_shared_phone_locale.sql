DROP INDEX "event_participant_phone_uq";--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "locale" text DEFAULT 'id' NOT NULL;--> statement-breakpoint
CREATE INDEX "event_participant_phone_idx" ON "event_participant" USING btree ("event_id","phone");