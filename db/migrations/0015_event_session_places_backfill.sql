-- Every event has at least one session (older rows may lack one): its own times.
INSERT INTO "event_session" ("event_id", "label", "starts_at", "ends_at")
SELECT e."id", NULL, e."starts_at", e."ends_at" FROM "event" e
WHERE NOT EXISTS (SELECT 1 FROM "event_session" s WHERE s."event_id" = e."id");
--> statement-breakpoint
-- Places per session × role, each with the role's capacity (until now one pool covered every day).
INSERT INTO "event_session_role" ("session_id", "role_id", "event_id", "capacity")
SELECT s."id", r."id", r."event_id", r."capacity" FROM "event_role" r JOIN "event_session" s ON s."event_id" = r."event_id"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- An existing sign-up held every day of its event: it becomes the first session's row …
UPDATE "signup" g SET "session_id" = (
  SELECT s."id" FROM "event_session" s WHERE s."event_id" = g."event_id" ORDER BY s."starts_at", s."id" LIMIT 1
) WHERE g."session_id" IS NULL;
--> statement-breakpoint
-- … and a copy for each later day (same status, place in the queue; attendance and hours stay on the first).
INSERT INTO "signup" ("event_id", "role_id", "session_id", "user_id", "status", "queued_at", "waitlist_position", "assigned_by", "updated_at")
SELECT g."event_id", g."role_id", s."id", g."user_id", g."status", g."queued_at", g."waitlist_position", g."assigned_by", g."updated_at"
FROM "signup" g JOIN "event_session" s ON s."event_id" = g."event_id" AND s."id" <> g."session_id"
ON CONFLICT DO NOTHING;
