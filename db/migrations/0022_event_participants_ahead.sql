ALTER TABLE "event_participant" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "person_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "source" text DEFAULT 'door' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "status" text DEFAULT 'confirmed' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "waitlist_position" integer;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "token" text;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "repeats" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "event" ADD COLUMN "participant_capacity" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "event_participant_phone_uq" ON "event_participant" USING btree ("event_id","phone");--> statement-breakpoint
CREATE UNIQUE INDEX "event_participant_code_uq" ON "event_participant" USING btree ("event_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "event_participant_token_uq" ON "event_participant" USING btree ("token");--> statement-breakpoint
CREATE INDEX "event_participant_person_idx" ON "event_participant" USING btree ("event_id","person_key");