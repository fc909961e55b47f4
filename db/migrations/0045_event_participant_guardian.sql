ALTER TABLE "event_participant" ADD COLUMN "is_minor" boolean;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "guardian_name" text;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "guardian_contact" text;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "guardian_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_participant" ADD COLUMN "guardian_consent_version" text;