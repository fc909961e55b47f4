-- One opaque learner key per learner (same WhatsApp, else e-mail, as the "learners helped" figure counted them),
-- so the figure stays the same once contact details are erased.
UPDATE "tutoring_request" t SET "learner_key" = g.k
FROM (
  SELECT d.contact, gen_random_uuid()::text AS k
  FROM (SELECT DISTINCT coalesce(whatsapp, lower(email), id::text) AS contact FROM "tutoring_request") d
) g
WHERE coalesce(t.whatsapp, lower(t.email), t.id::text) = g.contact;
--> statement-breakpoint
-- The daily retention job (recurring: the handler schedules its next run).
INSERT INTO "job" ("kind", "dedup_key", "payload", "run_at")
VALUES ('privacy-retention', 'privacy-retention', '{}'::jsonb, now())
ON CONFLICT ("dedup_key") DO NOTHING;
