-- Volunteers are reminded the day before each day they hold (DECISIONS 73). A published event whose one per-event
-- reminder already went out (it ran the day before its first day) has no job left for its later days: each such day
-- still ahead gets its job, keyed and shaped as the app queues it. The first day is left out (the old reminder covered
-- it); events with a reminder job still pending are left out (that job queues the days' jobs when it runs).
INSERT INTO "job" ("kind", "dedup_key", "payload", "run_at")
SELECT 'event-reminder',
  'event-reminder:' || s."event_id" || ':' || s."id" || ':' || floor(extract(epoch from s."starts_at") * 1000)::bigint,
  jsonb_build_object('eventId', s."event_id", 'sessionId', s."id"),
  greatest(now(), s."starts_at" - interval '24 hours')
FROM "event_session" s
JOIN "event" e ON e."id" = s."event_id"
WHERE e."status" = 'published'
  AND s."starts_at" > now()
  AND s."starts_at" > (SELECT min(f."starts_at") FROM "event_session" f WHERE f."event_id" = s."event_id")
  AND NOT EXISTS (
    SELECT 1 FROM "job" j
    WHERE j."status" = 'pending'
      AND (j."dedup_key" = 'event-reminder:' || e."id" OR j."dedup_key" LIKE 'event-reminder:' || e."id" || ':%')
  )
ON CONFLICT ("dedup_key") DO NOTHING;
