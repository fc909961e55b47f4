ALTER TABLE "calendar_token" DROP CONSTRAINT "calendar_token_token_unique";--> statement-breakpoint
DROP INDEX "event_participant_token_uq";--> statement-breakpoint
ALTER TABLE "calendar_token" ALTER COLUMN "token_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_token" DROP COLUMN "token";--> statement-breakpoint
ALTER TABLE "event_participant" DROP COLUMN "token";