-- tutor_stat: per-volunteer figures the candidate ranking reads (app/models/tutoring/matching.server.ts), kept in
-- the same transaction as every change that moves them, whichever code makes it (offers, claims, completion,
-- rating, cancellation, learner erasure, account erasure, profile edits, FK cascades/set null): row triggers on
-- tutoring_request, tutoring_offer, user_skill and user_language apply the change to the volunteer's row with one upsert, so two
-- transactions moving the same volunteer's figures apply one after the other (row lock), never lose an update.
-- The raw computation they mirror is referenceRankingQuery (matching.server.ts); tests/integration/
-- tutoring-stat-property.test.ts proves both stay equal after random sequences of operations.

-- Adds a difference to one volunteer's row (created when missing). A volunteer whose account row is being
-- deleted (the cascade of that delete reaches here) gets no new row: theirs goes with the account.
CREATE FUNCTION tutor_stat_add(p_user text, p_open int, p_pending int, p_rating_sum int, p_ratings int) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_user IS NULL OR (p_open = 0 AND p_pending = 0 AND p_rating_sum = 0 AND p_ratings = 0) THEN
    RETURN;
  END IF;
  INSERT INTO tutor_stat AS s (user_id, open_requests, pending_offers, rating_sum, ratings)
  SELECT p_user, p_open, p_pending, p_rating_sum, p_ratings
  WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.id = p_user)
  ON CONFLICT (user_id) DO UPDATE SET
    open_requests = s.open_requests + excluded.open_requests,
    pending_offers = s.pending_offers + excluded.pending_offers,
    rating_sum = s.rating_sum + excluded.rating_sum,
    ratings = s.ratings + excluded.ratings;
END $$;
--> statement-breakpoint

-- A request counts for its tutor: open while matched or in progress; its rating (any status) once given.
CREATE FUNCTION tutor_stat_request() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.tutor_id IS NOT NULL THEN
    PERFORM tutor_stat_add(OLD.tutor_id,
      -(OLD.status IN ('matched', 'in_progress'))::int, 0,
      -coalesce(OLD.rating, 0)::int, -(OLD.rating IS NOT NULL)::int);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.tutor_id IS NOT NULL THEN
    PERFORM tutor_stat_add(NEW.tutor_id,
      (NEW.status IN ('matched', 'in_progress'))::int, 0,
      coalesce(NEW.rating, 0)::int, (NEW.rating IS NOT NULL)::int);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint

-- An offer counts for its volunteer while pending.
CREATE FUNCTION tutor_stat_offer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'pending' THEN
    PERFORM tutor_stat_add(OLD.volunteer_id, 0, -1, 0, 0);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'pending' THEN
    PERFORM tutor_stat_add(NEW.volunteer_id, 0, 1, 0, 0);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint

CREATE TRIGGER tutor_stat_request_ins AFTER INSERT ON tutoring_request
  FOR EACH ROW WHEN (NEW.tutor_id IS NOT NULL) EXECUTE FUNCTION tutor_stat_request();
--> statement-breakpoint
CREATE TRIGGER tutor_stat_request_upd AFTER UPDATE ON tutoring_request
  FOR EACH ROW WHEN (OLD.tutor_id IS DISTINCT FROM NEW.tutor_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.rating IS DISTINCT FROM NEW.rating)
  EXECUTE FUNCTION tutor_stat_request();
--> statement-breakpoint
CREATE TRIGGER tutor_stat_request_del AFTER DELETE ON tutoring_request
  FOR EACH ROW WHEN (OLD.tutor_id IS NOT NULL) EXECUTE FUNCTION tutor_stat_request();
--> statement-breakpoint
CREATE TRIGGER tutor_stat_offer_ins AFTER INSERT ON tutoring_offer
  FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION tutor_stat_offer();
--> statement-breakpoint
CREATE TRIGGER tutor_stat_offer_upd AFTER UPDATE ON tutoring_offer
  FOR EACH ROW WHEN (OLD.volunteer_id IS DISTINCT FROM NEW.volunteer_id OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION tutor_stat_offer();
--> statement-breakpoint
CREATE TRIGGER tutor_stat_offer_del AFTER DELETE ON tutoring_offer
  FOR EACH ROW WHEN (OLD.status = 'pending') EXECUTE FUNCTION tutor_stat_offer();
--> statement-breakpoint

-- A skill added to or removed from a volunteer's profile.
CREATE FUNCTION tutor_stat_skill() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE tutor_stat SET skill_ids = array_remove(skill_ids, OLD.skill_id) WHERE user_id = OLD.user_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO tutor_stat AS s (user_id, skill_ids)
    SELECT NEW.user_id, ARRAY[NEW.skill_id]
    WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET skill_ids = array_append(array_remove(s.skill_ids, NEW.skill_id), NEW.skill_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tutor_stat_skill_change AFTER INSERT OR UPDATE OR DELETE ON user_skill
  FOR EACH ROW EXECUTE FUNCTION tutor_stat_skill();
--> statement-breakpoint

-- A language added to or removed from a volunteer's profile.
CREATE FUNCTION tutor_stat_language() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE tutor_stat SET language_codes = array_remove(language_codes, OLD.language_code) WHERE user_id = OLD.user_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO tutor_stat AS s (user_id, language_codes)
    SELECT NEW.user_id, ARRAY[NEW.language_code]
    WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET language_codes = array_append(array_remove(s.language_codes, NEW.language_code), NEW.language_code);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tutor_stat_language_change AFTER INSERT OR UPDATE OR DELETE ON user_language
  FOR EACH ROW EXECUTE FUNCTION tutor_stat_language();
--> statement-breakpoint

-- Backfill from the records as they are.
INSERT INTO tutor_stat (user_id, open_requests, pending_offers, rating_sum, ratings)
SELECT x.user_id, sum(x.open)::int, sum(x.pending)::int, sum(x.rating_sum)::int, sum(x.ratings)::int
FROM (
  SELECT tutor_id AS user_id, (status IN ('matched', 'in_progress'))::int AS open, 0 AS pending,
         coalesce(rating, 0)::int AS rating_sum, (rating IS NOT NULL)::int AS ratings
  FROM tutoring_request WHERE tutor_id IS NOT NULL
  UNION ALL
  SELECT volunteer_id, 0, 1, 0, 0 FROM tutoring_offer WHERE status = 'pending'
) x
GROUP BY x.user_id;
--> statement-breakpoint
INSERT INTO tutor_stat AS s (user_id, skill_ids)
SELECT us.user_id, array_agg(us.skill_id ORDER BY us.skill_id) FROM user_skill us GROUP BY us.user_id
ON CONFLICT (user_id) DO UPDATE SET skill_ids = excluded.skill_ids;
--> statement-breakpoint
INSERT INTO tutor_stat AS s (user_id, language_codes)
SELECT ul.user_id, array_agg(ul.language_code ORDER BY ul.language_code) FROM user_language ul GROUP BY ul.user_id
ON CONFLICT (user_id) DO UPDATE SET language_codes = excluded.language_codes;
--> statement-breakpoint
ANALYZE tutor_stat;
