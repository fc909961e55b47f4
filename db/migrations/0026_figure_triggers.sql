-- Maintained figures. Every change to a record behind a figure marks (chapter, local year) dirty from a row
-- trigger; a deferred constraint trigger recomputes the marked chapter-years at commit, in the same transaction,
-- replaces their figure_chapter rows and applies the difference to the province and national rows (figure_scope).
-- No application code has to remember to call anything. The facts mirror IMPLEMENTATIONS in
-- app/models/reports/indicators.server.ts (the reference computation); tests/integration/rollups-property.test.ts
-- proves both give the same figures.

-- Facts of one chapter in one local year: (key, kind, item, weight, local month).
CREATE FUNCTION indicator_facts(p_chapter int, p_year int)
RETURNS TABLE (key text, kind text, item text, weight numeric, month int)
LANGUAGE sql STABLE AS $$
  with ch as (
    select c.id as chapter_id, r.time_zone as tz from chapter c join region r on r.code = c.region_code where c.id = p_chapter
  ),
  ev as (
    select e.id as event_id, e.program_id, rep.id as report_id, rep.participants_total as participants,
           (e.starts_at at time zone ch.tz) as at_local
    from event e
    join ch on ch.chapter_id = e.chapter_id
    join outcome_report rep on rep.event_id = e.id and rep.status = 'approved'
    where e.starts_at >= (make_date(p_year, 1, 1)::timestamp at time zone 'Asia/Jayapura')
      and e.starts_at < (make_date(p_year + 1, 1, 1)::timestamp at time zone 'Asia/Jakarta')
  ),
  tr as (
    select t.id as request_id, coalesce(t.learner_key, t.whatsapp, lower(t.email), t.id::text) as learner,
           (coalesce(t.closed_at, t.updated_at) at time zone ch.tz) as at_local
    from tutoring_request t join ch on ch.chapter_id = t.chapter_id
    where t.status = 'completed'
  ),
  ri as (
    select ev.at_local, ev.program_id, i.id as institution_id, i.type
    from ev join outcome_institution oi on oi.report_id = ev.report_id join institution i on i.id = oi.institution_id
  ),
  onl as (
    select ev.at_local, i.id as institution_id, i.type
    from ev join onboarding o on o.report_id = ev.report_id join institution i on i.id = o.institution_id
  ),
  vw as (
    select ev.at_local, 's' || s.id::text as record, s.user_id, coalesce(s.hours_credited, 0)::numeric as hours
    from ev join signup s on s.event_id = ev.event_id and s.status = 'confirmed' and s.attended_at is not null
    union all
    select ts.held_on::timestamp, 't' || ts.id::text, ts.tutor_id, (ts.minutes / 60.0)::numeric
    from tr join tutoring_session ts on ts.request_id = tr.request_id
    where ts.held_on >= make_date(p_year, 1, 1) and ts.held_on < make_date(p_year + 1, 1, 1)
  ),
  f as (
    select 'schools_internet_sehat' as key, 'distinct' as kind, institution_id::text as item, 1::numeric as weight, at_local
      from ri where type = 'school' and program_id = (select id from program where slug = 'internet-sehat')
    union all select 'pesantren_reached', 'distinct', institution_id::text, 1, at_local from ri where type = 'pesantren'
    union all select 'umkm_online', 'distinct', institution_id::text, 1, at_local from onl where type = 'umkm'
    union all select 'villages_online', 'distinct', institution_id::text, 1, at_local from onl where type = 'village'
    union all select 'schools_online', 'distinct', institution_id::text, 1, at_local from onl where type in ('school', 'other')
    union all select 'communities_online', 'distinct', institution_id::text, 1, at_local from onl where type = 'community'
    union all select 'participants', 'sum', report_id::text, participants::numeric, at_local from ev
    union all select 'events_held', 'sum', event_id::text, 1, at_local from ev
    union all select 'tutoring_completed', 'sum', request_id::text, 1, at_local from tr
    union all select 'learners_helped', 'distinct', learner, 1, at_local from tr
    union all select 'volunteer_hours', 'sum', record, hours, at_local from vw
    union all select 'active_volunteers', 'distinct', user_id, 1, at_local from vw
  )
  select key, kind, item, weight, extract(month from at_local)::int
  from f
  where at_local >= make_date(p_year, 1, 1)::timestamp and at_local < make_date(p_year + 1, 1, 1)::timestamp
$$;
--> statement-breakpoint

-- Recompute every chapter-year the current transaction marked. Chapter-years are locked in a fixed order first,
-- so two transactions touching the same chapter-year refresh one after the other (a "distinct" count is not
-- additive), and province/national rows are updated in key order (no deadlock between refreshes).
CREATE FUNCTION figure_refresh() RETURNS void LANGUAGE plpgsql AS $$
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
  DELETE FROM figure_dirty WHERE tx = txid_current();
END
$$;
--> statement-breakpoint

CREATE FUNCTION figure_refresh_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the first of the transaction's deferred calls refreshes everything it marked; the others find nothing left
  IF EXISTS (SELECT 1 FROM figure_dirty WHERE tx = txid_current()) THEN
    PERFORM figure_refresh();
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE CONSTRAINT TRIGGER figure_dirty_refresh AFTER INSERT ON figure_dirty
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_refresh_at_commit();
--> statement-breakpoint

-- Mark a chapter's local year(s) of an instant: WIB and WIT bound every chapter's zone.
CREATE FUNCTION figure_mark(p_chapter int, p_at timestamptz) RETURNS void LANGUAGE sql AS $$
  INSERT INTO figure_dirty (tx, chapter_id, year)
  SELECT DISTINCT txid_current(), p_chapter, y
  FROM (VALUES (extract(year FROM p_at AT TIME ZONE 'Asia/Jakarta')::int), (extract(year FROM p_at AT TIME ZONE 'Asia/Jayapura')::int)) v(y)
  WHERE p_chapter IS NOT NULL AND p_at IS NOT NULL
  ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint

CREATE FUNCTION figure_mark_year(p_chapter int, p_year int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO figure_dirty (tx, chapter_id, year) SELECT txid_current(), p_chapter, p_year
  WHERE p_chapter IS NOT NULL AND p_year IS NOT NULL
  ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint

-- An approved report's event: its chapter and start.
CREATE FUNCTION figure_mark_report(p_report int) RETURNS void LANGUAGE sql AS $$
  SELECT figure_mark(e.chapter_id, e.starts_at)
  FROM outcome_report rep JOIN event e ON e.id = rep.event_id
  WHERE rep.id = p_report AND rep.status = 'approved'
$$;
--> statement-breakpoint

-- A completed request moves its completion and the days of its sessions.
CREATE FUNCTION figure_mark_request(p_chapter int, p_request int, p_at timestamptz) RETURNS void LANGUAGE sql AS $$
  SELECT figure_mark(p_chapter, p_at);
  SELECT figure_mark_year(p_chapter, y)
  FROM (SELECT DISTINCT extract(year FROM held_on)::int AS y FROM tutoring_session WHERE request_id = p_request) s
$$;
--> statement-breakpoint

CREATE FUNCTION figure_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM figure_mark(OLD.chapter_id, OLD.starts_at);
    RETURN NULL;
  END IF;
  IF (OLD.starts_at, OLD.chapter_id, OLD.program_id) IS DISTINCT FROM (NEW.starts_at, NEW.chapter_id, NEW.program_id)
     AND EXISTS (SELECT 1 FROM outcome_report WHERE event_id = NEW.id AND status = 'approved') THEN
    PERFORM figure_mark(OLD.chapter_id, OLD.starts_at);
    PERFORM figure_mark(NEW.chapter_id, NEW.starts_at);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_event AFTER UPDATE OR DELETE ON event FOR EACH ROW EXECUTE FUNCTION figure_on_event();
--> statement-breakpoint

CREATE FUNCTION figure_on_outcome_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'approved' THEN
    IF TG_OP = 'DELETE' OR (OLD.status, OLD.participants_total, OLD.event_id) IS DISTINCT FROM (NEW.status, NEW.participants_total, NEW.event_id) THEN
      PERFORM figure_mark(e.chapter_id, e.starts_at) FROM event e WHERE e.id = OLD.event_id;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'approved' THEN
    IF TG_OP = 'INSERT' OR (OLD.status, OLD.participants_total, OLD.event_id) IS DISTINCT FROM (NEW.status, NEW.participants_total, NEW.event_id) THEN
      PERFORM figure_mark(e.chapter_id, e.starts_at) FROM event e WHERE e.id = NEW.event_id;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_outcome_report AFTER INSERT OR UPDATE OR DELETE ON outcome_report FOR EACH ROW EXECUTE FUNCTION figure_on_outcome_report();
--> statement-breakpoint

-- outcome_institution and onboarding: (report_id, institution_id)
CREATE FUNCTION figure_on_report_institution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM figure_mark_report(OLD.report_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM figure_mark_report(NEW.report_id); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_outcome_institution AFTER INSERT OR UPDATE OR DELETE ON outcome_institution FOR EACH ROW EXECUTE FUNCTION figure_on_report_institution();
--> statement-breakpoint
CREATE TRIGGER figure_onboarding AFTER INSERT OR UPDATE OR DELETE ON onboarding FOR EACH ROW EXECUTE FUNCTION figure_on_report_institution();
--> statement-breakpoint

-- An institution's type decides which indicator counts it.
CREATE FUNCTION figure_on_institution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.type IS DISTINCT FROM NEW.type THEN
    PERFORM figure_mark_report(x.report_id)
    FROM (SELECT report_id FROM outcome_institution WHERE institution_id = NEW.id UNION SELECT report_id FROM onboarding WHERE institution_id = NEW.id) x;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_institution AFTER UPDATE ON institution FOR EACH ROW EXECUTE FUNCTION figure_on_institution();
--> statement-breakpoint

-- "Schools reached with Internet Sehat" is tied to the program's slug.
CREATE FUNCTION figure_on_program() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.slug IS DISTINCT FROM NEW.slug THEN
    PERFORM figure_mark_report(rep.id) FROM event e JOIN outcome_report rep ON rep.event_id = e.id WHERE e.program_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_program AFTER UPDATE ON program FOR EACH ROW EXECUTE FUNCTION figure_on_program();
--> statement-breakpoint

-- Attendance: a confirmed sign-up with attended_at at an event whose report is approved.
CREATE FUNCTION figure_on_signup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.event_id, OLD.user_id, OLD.status, OLD.attended_at IS NULL, OLD.hours_credited)
      IS NOT DISTINCT FROM (NEW.event_id, NEW.user_id, NEW.status, NEW.attended_at IS NULL, NEW.hours_credited) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'confirmed' AND OLD.attended_at IS NOT NULL THEN
    PERFORM figure_mark_report(rep.id) FROM outcome_report rep WHERE rep.event_id = OLD.event_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'confirmed' AND NEW.attended_at IS NOT NULL THEN
    PERFORM figure_mark_report(rep.id) FROM outcome_report rep WHERE rep.event_id = NEW.event_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_signup AFTER INSERT OR UPDATE OR DELETE ON signup FOR EACH ROW EXECUTE FUNCTION figure_on_signup();
--> statement-breakpoint

CREATE FUNCTION figure_on_tutoring_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.status, OLD.chapter_id, coalesce(OLD.closed_at, OLD.updated_at), coalesce(OLD.learner_key, OLD.whatsapp, lower(OLD.email), OLD.id::text))
      IS NOT DISTINCT FROM (NEW.status, NEW.chapter_id, coalesce(NEW.closed_at, NEW.updated_at), coalesce(NEW.learner_key, NEW.whatsapp, lower(NEW.email), NEW.id::text)) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'completed' THEN
    PERFORM figure_mark_request(OLD.chapter_id, OLD.id, coalesce(OLD.closed_at, OLD.updated_at));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'completed' THEN
    PERFORM figure_mark_request(NEW.chapter_id, NEW.id, coalesce(NEW.closed_at, NEW.updated_at));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_tutoring_request AFTER INSERT OR UPDATE OR DELETE ON tutoring_request FOR EACH ROW EXECUTE FUNCTION figure_on_tutoring_request();
--> statement-breakpoint

CREATE FUNCTION figure_on_tutoring_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM figure_mark_year(t.chapter_id, extract(year FROM OLD.held_on)::int) FROM tutoring_request t WHERE t.id = OLD.request_id AND t.status = 'completed';
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM figure_mark_year(t.chapter_id, extract(year FROM NEW.held_on)::int) FROM tutoring_request t WHERE t.id = NEW.request_id AND t.status = 'completed';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_tutoring_session AFTER INSERT OR UPDATE OR DELETE ON tutoring_session FOR EACH ROW EXECUTE FUNCTION figure_on_tutoring_session();
--> statement-breakpoint

-- A chapter moved to another region (zone, province) or deleted: every year it has figures, and the years
-- next to them (a zone change can move a fact across New Year).
CREATE FUNCTION figure_on_chapter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code IS NOT DISTINCT FROM NEW.region_code THEN
    RETURN NULL;
  END IF;
  PERFORM figure_mark_year(OLD.id, y)
  FROM (SELECT DISTINCT year + dy AS y FROM figure_chapter, (VALUES (-1), (0), (1)) v(dy) WHERE chapter_id = OLD.id) s;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER figure_chapter_moved AFTER UPDATE OR DELETE ON chapter FOR EACH ROW EXECUTE FUNCTION figure_on_chapter();
--> statement-breakpoint

-- Rebuild from the records: every chapter, every local year with a fact (used once here, and after bulk loads
-- that bypass triggers).
CREATE FUNCTION figure_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figure_dirty (tx, chapter_id, year)
  SELECT txid_current(), chapter_id, y FROM (
    SELECT chapter_id, year AS y FROM figure_chapter
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
SELECT figure_rebuild();
