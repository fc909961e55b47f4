CREATE TABLE "event_participant_ticket" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_token" ADD COLUMN "token_hash" text;--> statement-breakpoint
ALTER TABLE "event_participant_ticket" ADD CONSTRAINT "event_participant_ticket_participant_id_event_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."event_participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_participant_ticket_participant_idx" ON "event_participant_ticket" USING btree ("participant_id");--> statement-breakpoint
ALTER TABLE "calendar_token" ADD CONSTRAINT "calendar_token_token_hash_unique" UNIQUE("token_hash");