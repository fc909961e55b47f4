-- A chapter's standing per period (figure_progress), what the roll-ups' ranking orders by, kept with its figures:
-- figure_refresh() now also rewrites the figure_progress rows of every chapter-year it recomputes, and a change to a
-- chapter's target (or to an indicator's active flag or key) marks the chapter-year, so the ranking reads one row per
-- chapter instead of joining every chapter's targets with its figures on each view. The mean mirrors rankingPage in
-- app/models/reports/reports.server.ts: the share of each target reached, capped at 1, figures as the chapter shows
-- them (hours to one decimal), over active implemented indicators with a target above 0. The targets and figures
-- behind the mean are kept pairwise (target_values, figure_values): "at risk" depends on the moment of the view and
-- is counted from them when the page is read.

CREATE FUNCTION figure_progress_refresh() RETURNS void LANGUAGE sql AS $$
  DELETE FROM figure_progress p USING figure_dirty d
  WHERE d.tx = txid_current() AND p.chapter_id = d.chapter_id AND p.year = d.year;
  INSERT INTO figure_progress (chapter_id, year, semester, progress, with_targets, events, participants, target_values, figure_values)
  SELECT c.id, d.year, s.semester, prog.progress, coalesce(prog.n, 0),
    coalesce((SELECT f.value FROM figure_chapter f WHERE f.chapter_id = c.id AND f.year = d.year AND f.semester = s.semester AND f.month = 0 AND f.key = 'events_held'), 0),
    coalesce((SELECT f.value FROM figure_chapter f WHERE f.chapter_id = c.id AND f.year = d.year AND f.semester = s.semester AND f.month = 0 AND f.key = 'participants'), 0),
    coalesce(prog.targets, '{}'), coalesce(prog.figures, '{}')
  FROM figure_dirty d
  JOIN chapter c ON c.id = d.chapter_id
  CROSS JOIN (VALUES (0), (1), (2)) s(semester)
  LEFT JOIN LATERAL (
    SELECT avg(least(1, x.figure / x.target))::float8 AS progress, count(*)::int AS n,
      array_agg(x.target ORDER BY x.indicator_id) AS targets, array_agg(x.figure ORDER BY x.indicator_id) AS figures
    FROM (
    SELECT t.indicator_id, t.value::numeric AS target, coalesce(CASE WHEN f.key = 'volunteer_hours' THEN round(f.value, 1) ELSE f.value END, 0) AS figure
    FROM target t
    JOIN indicator i ON i.id = t.indicator_id
    LEFT JOIN figure_chapter f ON f.chapter_id = c.id AND f.year = d.year AND f.semester = s.semester AND f.month = 0 AND f.key = i.key
    WHERE t.scope = 'chapter' AND t.chapter_id = c.id AND t.year = d.year AND t.semester = s.semester AND t.value > 0
      AND i.active AND i.key IN ('schools_internet_sehat', 'pesantren_reached', 'umkm_online', 'villages_online', 'schools_online', 'communities_online', 'participants', 'events_held', 'tutoring_completed', 'learners_helped', 'volunteer_hours', 'active_volunteers')
    ) x
  ) prog ON true
  WHERE d.tx = txid_current()
  ORDER BY c.id, d.year, s.semester
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION figure_refresh() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT chapter_id, year FROM figure_dirty WHERE tx = txid_current() ORDER BY chapter_id, year LOOP
    PERFORM pg_advisory_xact_lock(1913, r.chapter_id * 10000 + r.year);
  END LOOP;
  WITH d AS (
    SELECT chapter_id, year FROM figure_dirty WHERE tx = txid_current()
  ),
  pc AS (
    SELECT d.chapter_id, d.year::int AS year, rg.province_code
    FROM d JOIN chapter c ON c.id = d.chapter_id JOIN region rg ON rg.code = c.region_code
  ),
  facts AS (
    SELECT pc.chapter_id, pc.province_code, pc.year, f.key, f.kind, f.item, f.weight, f.month
    FROM pc CROSS JOIN LATERAL indicator_facts(pc.chapter_id, pc.year) f
  ),
  per AS (
    SELECT facts.*, s.semester
    FROM facts JOIN (VALUES (0), (1), (2)) s(semester)
      ON s.semester = 0 OR (s.semester = 1 AND facts.month <= 6) OR (s.semester = 2 AND facts.month > 6)
  ),
  monthly AS (
    SELECT chapter_id, province_code, key, year, semester, month, sum(weight) AS value
    FROM per WHERE kind = 'sum' GROUP BY chapter_id, province_code, key, year, semester, month
    UNION ALL
    SELECT chapter_id, province_code, key, year, semester, month, count(*)::numeric
    FROM (
      SELECT chapter_id, province_code, key, year, semester, min(month) AS month
      FROM per WHERE kind = 'distinct' GROUP BY chapter_id, province_code, key, year, semester, item
    ) x GROUP BY chapter_id, province_code, key, year, semester, month
  ),
  fresh AS (
    SELECT * FROM monthly
    UNION ALL
    SELECT chapter_id, province_code, key, year, semester, 0, sum(value) FROM monthly GROUP BY chapter_id, province_code, key, year, semester
  ),
  old AS (
    DELETE FROM figure_chapter fc USING d WHERE fc.chapter_id = d.chapter_id AND fc.year = d.year
    RETURNING fc.province_code, fc.key, fc.year, fc.semester, fc.month, fc.value
  ),
  ins AS (
    INSERT INTO figure_chapter (chapter_id, province_code, key, year, semester, month, value)
    SELECT chapter_id, province_code, key, year, semester, month, value FROM fresh
  ),
  -- roll-ups add up the chapters' figures as each chapter shows them (hours to one decimal)
  contrib AS (
    SELECT province_code, key, year, semester, month, CASE WHEN key = 'volunteer_hours' THEN round(value, 1) ELSE value END AS value FROM fresh
    UNION ALL
    SELECT province_code, key, year, semester, month, -(CASE WHEN key = 'volunteer_hours' THEN round(value, 1) ELSE value END) FROM old
  ),
  scoped AS (
    SELECT 'national' AS scope_key, key, year, semester, month, value FROM contrib
    UNION ALL
    SELECT 'province:' || province_code, key, year, semester, month, value FROM contrib WHERE province_code IS NOT NULL
  )
  INSERT INTO figure_scope (scope_key, key, year, semester, month, value)
  SELECT scope_key, key, year, semester, month, sum(value)
  FROM scoped GROUP BY scope_key, key, year, semester, month
  HAVING sum(value) <> 0
  ORDER BY scope_key, year, semester, key, month
  ON CONFLICT (scope_key, year, semester, key, month) DO UPDATE SET value = figure_scope.value + excluded.value;
  PERFORM figure_progress_refresh();
  DELETE FROM figure_dirty WHERE tx = txid_current();
END
$$;
--> statement-breakpoint

CREATE FUNCTION figure_on_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.scope = 'chapter' THEN PERFORM figure_mark_year(OLD.chapter_id, OLD.year); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.scope = 'chapter' THEN PERFORM figure_mark_year(NEW.chapter_id, NEW.year); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_target AFTER INSERT OR UPDATE OR DELETE ON target FOR EACH ROW EXECUTE FUNCTION figure_on_target();
--> statement-breakpoint

CREATE FUNCTION figure_on_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.active, OLD.key) IS DISTINCT FROM (NEW.active, NEW.key) THEN
    PERFORM figure_mark_year(x.chapter_id, x.year)
    FROM (SELECT DISTINCT chapter_id, year::int AS year FROM target WHERE indicator_id = NEW.id AND scope = 'chapter') x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_indicator AFTER UPDATE ON indicator FOR EACH ROW EXECUTE FUNCTION figure_on_indicator();
--> statement-breakpoint

-- Rebuild from the records (after bulk loads that bypass triggers): every chapter-year with a fact or a target.
CREATE OR REPLACE FUNCTION figure_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figure_dirty (tx, chapter_id, year)
  SELECT txid_current(), chapter_id, y FROM (
    SELECT chapter_id, year AS y FROM figure_chapter
    UNION SELECT chapter_id, year FROM target WHERE scope = 'chapter'
    UNION SELECT e.chapter_id, extract(year FROM e.starts_at AT TIME ZONE z)::int
      FROM event e JOIN outcome_report rep ON rep.event_id = e.id AND rep.status = 'approved', (VALUES ('Asia/Jakarta'), ('Asia/Jayapura')) v(z)
    UNION SELECT t.chapter_id, extract(year FROM coalesce(t.closed_at, t.updated_at) AT TIME ZONE z)::int
      FROM tutoring_request t, (VALUES ('Asia/Jakarta'), ('Asia/Jayapura')) v(z) WHERE t.status = 'completed'
    UNION SELECT t.chapter_id, extract(year FROM s.held_on)::int
      FROM tutoring_session s JOIN tutoring_request t ON t.id = s.request_id AND t.status = 'completed'
  ) x WHERE chapter_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  PERFORM figure_refresh();
END
$$;
--> statement-breakpoint

-- Backfill: the standing of every chapter-year with figures or targets, from the figures already kept.
INSERT INTO figure_dirty (tx, chapter_id, year)
SELECT DISTINCT txid_current(), chapter_id, year FROM (
  SELECT chapter_id, year FROM figure_chapter UNION SELECT chapter_id, year FROM target WHERE scope = 'chapter' AND chapter_id IS NOT NULL
) x
ON CONFLICT DO NOTHING;
--> statement-breakpoint
SELECT figure_progress_refresh();
--> statement-breakpoint
DELETE FROM figure_dirty WHERE tx = txid_current();
