-- Every participant recorded before registration ahead existed signed in at the door: they were there.
UPDATE "event_participant" SET "checked_in_at" = "created_at" WHERE "checked_in_at" IS NULL AND "source" = 'door';
