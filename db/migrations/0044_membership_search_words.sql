-- membership.search_text becomes the name as words (DECISIONS 122): ' ' || member_search_words(name) || U+001F ||
-- lower(email). A roster search matches every typed word against the start of a word of the name ('% siti%'), so
-- case, accents, apostrophes (left out: "Ma'ruf" is "maruf"), punctuation and titles' dots ("Hj." is "hj") and the
-- order of the words no longer matter; the email keeps the lower-cased text a search is found in as before.
-- The app splits a search into words with its TypeScript twin, memberSearchWords (app/models/chapters/roster.server.ts);
-- a test compares both.

CREATE FUNCTION member_search_words(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    regexp_replace(
      lower(normalize(regexp_replace(coalesce(t, ''), '[''\u2019\u2018`\u00b4\u02bc]+', '', 'g'), NFKD)),
      '[\u0300-\u036f]+', '', 'g'),
    '[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u00d7\u00f7\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\ufe10-\ufe6f\ufeff\uff01-\uff0f]+', ' ', 'g'))
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION membership_denormalized() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  user_name text;
  user_email text;
  kecamatan text;
  avail integer;
BEGIN
  SELECT u.name, u.email INTO user_name, user_email FROM app_user u WHERE u.id = NEW.user_id;
  SELECT vp.kecamatan_code, vp.availability INTO kecamatan, avail FROM volunteer_profile vp WHERE vp.user_id = NEW.user_id;
  NEW.sort_name := coalesce(user_name, '');
  NEW.search_text := coalesce(' ' || member_search_words(user_name) || chr(31) || lower(user_email), '');
  NEW.kecamatan_code := kecamatan;
  NEW.availability := coalesce(avail, 0);
  RETURN NEW;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION app_user_to_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name OR NEW.email IS DISTINCT FROM OLD.email THEN
    UPDATE membership SET sort_name = NEW.name, search_text = ' ' || member_search_words(NEW.name) || chr(31) || lower(NEW.email) WHERE user_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- every membership rewritten through its trigger (which reads the user and the profile afresh)
UPDATE membership SET search_text = '';
--> statement-breakpoint
SELECT gin_clean_pending_list('membership_search_trgm_idx'::regclass);
