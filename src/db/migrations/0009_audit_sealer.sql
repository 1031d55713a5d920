-- The audit trail without a lock (docs/adr/0008-audit-without-a-lock.md). An event is written unsealed, with
-- seq, prev_hash and hash null, in the caller's transaction; the audit sealer gives it its place in the chain
-- shortly after, in commit order, and appends a keyed checkpoint naming the chain's new head.
ALTER TABLE "audit_event" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
-- Sealed whole or not at all. NOT VALID: every existing row was written sealed under NOT NULL, so checking them
-- again would only hold the table for a scan of the whole trail.
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_sealed_whole" CHECK (("audit_event"."seq" is null and "audit_event"."prev_hash" is null and "audit_event"."hash" is null) or ("audit_event"."seq" is not null and "audit_event"."prev_hash" is not null and "audit_event"."hash" is not null)) NOT VALID;--> statement-breakpoint
CREATE INDEX "audit_event_unsealed" ON "audit_event" USING btree ("id") WHERE "audit_event"."seq" is null;--> statement-breakpoint
CREATE TABLE "audit_checkpoint" (
	"counter" bigint PRIMARY KEY NOT NULL,
	"chain" text NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"made_at" timestamp (3) with time zone NOT NULL,
	"key_id" text NOT NULL,
	"prev_mac" text NOT NULL,
	"mac" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_checkpoint_chain" ON "audit_checkpoint" USING btree ("chain","counter");--> statement-breakpoint
-- audit_event stays append-only, with one exception: sealing, which sets seq, prev_hash and hash on a row that
-- has none and changes nothing else. Every other UPDATE, every DELETE and TRUNCATE is refused. (A superuser can
-- still drop the trigger; the hash chain and the keyed checkpoints, checked by `npm run audit:verify`, detect what
-- they then change.)
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
       AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
       AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_checkpoint_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoint is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_refuse_change();
