-- The audit trail is append-only: refuse UPDATE, DELETE and TRUNCATE. (A superuser can still drop the trigger;
-- the hash chain, checked by `npm run audit:verify`, detects what they then change.)
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
-- Contact references: C-<year>-<number>, numbered across the installation.
CREATE SEQUENCE IF NOT EXISTS contact_reference_seq;
