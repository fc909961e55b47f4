-- Secrets are never stored raw: the participants' ticket tokens and the personal calendar feed tokens become their
-- sha-256 (hex of the UTF-8 bytes, as the app computes it), so links handed out before keep working while the
-- raw columns are dropped by the next migration.
INSERT INTO "event_participant_ticket" ("token_hash", "participant_id", "created_at")
SELECT encode(sha256(convert_to("token", 'UTF8')), 'hex'), "id", "created_at" FROM "event_participant" WHERE "token" IS NOT NULL;--> statement-breakpoint
UPDATE "calendar_token" SET "token_hash" = encode(sha256(convert_to("token", 'UTF8')), 'hex');
