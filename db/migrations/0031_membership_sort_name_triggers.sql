-- membership.sort_name mirrors app_user.name: set from the user on every new or re-pointed membership, and
-- rewritten in every membership of a person whose name changes (profile edit, erasure), in the same statement.
-- The roster reads a page in (sort_name, user_id) order from the chapter's index (keyset pagination).

CREATE FUNCTION membership_sort_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sort_name := coalesce((SELECT u.name FROM app_user u WHERE u.id = NEW.user_id), '');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER membership_sort_name BEFORE INSERT OR UPDATE OF user_id, sort_name ON membership
  FOR EACH ROW EXECUTE FUNCTION membership_sort_name();
--> statement-breakpoint

CREATE FUNCTION app_user_name_to_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    UPDATE membership SET sort_name = NEW.name WHERE user_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER app_user_name_to_memberships AFTER UPDATE OF name ON app_user
  FOR EACH ROW EXECUTE FUNCTION app_user_name_to_memberships();
--> statement-breakpoint

UPDATE membership m SET sort_name = u.name FROM app_user u WHERE u.id = m.user_id AND m.sort_name IS DISTINCT FROM u.name;
