-- membership.search_text, kecamatan_code and availability are what the roster searches and filters on, copied like
-- sort_name (0031) so a search reads the chapter's memberships alone: search_text is lower(name) U+001F lower(email)
-- of the user; kecamatan_code and availability are the volunteer profile's (null and 0 without a profile).
-- Every new or re-pointed membership takes all four from the user and the profile, and so does any direct write of
-- one of them (it is replaced by the truth); a change of name or email, or of the profile's kecamatan or
-- availability (a new or deleted profile too), is written into every membership of that person in the same
-- statement — whoever writes it (profile form, roster import, erasure, seed, tests).

CREATE FUNCTION membership_denormalized() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  user_name text;
  user_email text;
  kecamatan text;
  avail integer;
BEGIN
  SELECT u.name, u.email INTO user_name, user_email FROM app_user u WHERE u.id = NEW.user_id;
  SELECT vp.kecamatan_code, vp.availability INTO kecamatan, avail FROM volunteer_profile vp WHERE vp.user_id = NEW.user_id;
  NEW.sort_name := coalesce(user_name, '');
  NEW.search_text := coalesce(lower(user_name) || chr(31) || lower(user_email), '');
  NEW.kecamatan_code := kecamatan;
  NEW.availability := coalesce(avail, 0);
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER membership_sort_name ON membership;
--> statement-breakpoint
DROP FUNCTION membership_sort_name();
--> statement-breakpoint
CREATE TRIGGER membership_denormalized BEFORE INSERT OR UPDATE OF user_id, sort_name, search_text, kecamatan_code, availability ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_denormalized();
--> statement-breakpoint

CREATE FUNCTION app_user_to_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name OR NEW.email IS DISTINCT FROM OLD.email THEN
    UPDATE membership SET sort_name = NEW.name, search_text = lower(NEW.name) || chr(31) || lower(NEW.email) WHERE user_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER app_user_name_to_memberships ON app_user;
--> statement-breakpoint
DROP FUNCTION app_user_name_to_memberships();
--> statement-breakpoint
CREATE TRIGGER app_user_to_memberships AFTER UPDATE OF name, email ON app_user
  FOR EACH ROW EXECUTE FUNCTION app_user_to_memberships();
--> statement-breakpoint

CREATE FUNCTION volunteer_profile_to_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE membership SET kecamatan_code = NULL, availability = 0
      WHERE user_id = OLD.user_id AND (kecamatan_code IS NOT NULL OR availability <> 0);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.user_id IS DISTINCT FROM OLD.user_id THEN
      UPDATE membership SET kecamatan_code = NULL, availability = 0 WHERE user_id = OLD.user_id;
    END IF;
  END IF;
  UPDATE membership SET kecamatan_code = NEW.kecamatan_code, availability = NEW.availability
    WHERE user_id = NEW.user_id AND (kecamatan_code IS DISTINCT FROM NEW.kecamatan_code OR availability IS DISTINCT FROM NEW.availability);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER volunteer_profile_to_memberships AFTER INSERT OR DELETE OR UPDATE OF user_id, kecamatan_code, availability ON volunteer_profile
  FOR EACH ROW EXECUTE FUNCTION volunteer_profile_to_memberships();
--> statement-breakpoint

-- the triggers exist (and hold their tables' locks) before the backfill, so no change slips in between
UPDATE membership m SET search_text = lower(u.name) || chr(31) || lower(u.email), kecamatan_code = vp.kecamatan_code, availability = coalesce(vp.availability, 0)
  FROM app_user u LEFT JOIN volunteer_profile vp ON vp.user_id = u.id
  WHERE u.id = m.user_id;
--> statement-breakpoint
-- the backfill's index entries wait in the trigram index's pending list, which every search would read whole
SELECT gin_clean_pending_list('membership_search_trgm_idx'::regclass);
