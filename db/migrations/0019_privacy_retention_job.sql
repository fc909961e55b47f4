-- The daily retention job (recurring: its handler schedules the next run).
INSERT INTO "job" ("kind", "dedup_key", "payload", "run_at")
VALUES ('privacy-retention', 'privacy-retention', '{}'::jsonb, now())
ON CONFLICT ("dedup_key") DO NOTHING;
