-- The worklist at any size: its counts kept by the database as contacts change, and an index for each order and
-- filter the page offers, so a page reads a few hundred index entries however much open work there is.
--
-- 1. The page's rows. Open work in deadline order (now with the id last, so a page boundary never splits ties
--    differently from one page to the next), by urgency then deadline, and by allocated worker then deadline.
DROP INDEX IF EXISTS "contact_open_worklist";--> statement-breakpoint
CREATE INDEX "contact_open_worklist" ON "contact" USING btree ("tenant_id","owning_agency_id","decision_due_at","received_at","id") WHERE status in ('open', 'awaiting_authorisation');--> statement-breakpoint
CREATE INDEX "contact_open_worklist_rag" ON "contact" USING btree ("tenant_id","owning_agency_id",(case "rag" when 'red' then 0 when 'amber' then 1 when 'green' then 2 else 3 end),"decision_due_at","received_at","id") WHERE status in ('open', 'awaiting_authorisation');--> statement-breakpoint
CREATE INDEX "contact_open_worklist_allocated" ON "contact" USING btree ("tenant_id","owning_agency_id","allocated_user_id","decision_due_at","received_at","id") WHERE status in ('open', 'awaiting_authorisation');--> statement-breakpoint
-- 2. The counts. Open work per front door (tenant, owning agency), status and hour of its decision deadline
--    (contacts without a deadline under 'infinity'). The page sums these rows (a few per hour of deadlines) and
--    counts, from the index above, only the contacts due in the hour that "now" falls in and the hour that today
--    ends in.
--
--    One writer: the trigger below, in the same transaction as the change to the contact, whichever code path
--    makes it (forms, the API, police files, SQL). It never waits for another transaction: a key may have several
--    rows ("slots"), a change adds itself to a row no other transaction holds (folding the other free rows into
--    it), and starts a new row when every row of the key is held (a long police import holds its rows until it
--    commits). The sum over a key's rows is always the exact count, as any one statement sees it.
CREATE TABLE "contact_worklist_tally" (
	"tenant_id" uuid NOT NULL,
	"owning_agency_id" uuid NOT NULL,
	"status" text NOT NULL,
	"due_hour" timestamp with time zone NOT NULL,
	"slot" bigint NOT NULL,
	"contacts" integer NOT NULL,
	CONSTRAINT "contact_worklist_tally_pk" PRIMARY KEY("tenant_id","owning_agency_id","status","due_hour","slot")
);--> statement-breakpoint
CREATE SEQUENCE "contact_worklist_tally_slot";--> statement-breakpoint
-- The hour a deadline falls in (whole hours since 1970, so the same in every time zone); 'infinity' for none.
CREATE FUNCTION contact_worklist_due_hour(due timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(to_timestamp(floor(extract(epoch FROM due) / 3600) * 3600), 'infinity'::timestamptz)
$$;--> statement-breakpoint
CREATE FUNCTION contact_worklist_tally_add(p_tenant uuid, p_agency uuid, p_status text, p_due_hour timestamptz, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_slot bigint;
  v_left integer;
BEGIN
  -- Take every row of the key that no other transaction holds (rows this transaction holds are free to it), keep
  -- the first, fold the others into it, and add the change.
  WITH free AS (
    SELECT slot FROM contact_worklist_tally
     WHERE tenant_id = p_tenant AND owning_agency_id = p_agency AND status = p_status AND due_hour = p_due_hour
       FOR UPDATE SKIP LOCKED
  ), keep AS (
    SELECT min(slot) AS slot FROM free
  ), folded AS (
    DELETE FROM contact_worklist_tally t USING free, keep
     WHERE t.tenant_id = p_tenant AND t.owning_agency_id = p_agency AND t.status = p_status AND t.due_hour = p_due_hour
       AND t.slot = free.slot AND free.slot <> keep.slot
    RETURNING t.contacts
  )
  UPDATE contact_worklist_tally t SET contacts = t.contacts + p_delta + coalesce((SELECT sum(contacts) FROM folded), 0)::integer
    FROM keep
   WHERE t.tenant_id = p_tenant AND t.owning_agency_id = p_agency AND t.status = p_status AND t.due_hour = p_due_hour
     AND t.slot = keep.slot
  RETURNING t.slot, t.contacts INTO v_slot, v_left;
  IF NOT FOUND THEN
    -- No row, or every row held by another transaction: a new row (a new slot never collides, so never waits).
    INSERT INTO contact_worklist_tally (tenant_id, owning_agency_id, status, due_hour, slot, contacts)
    VALUES (p_tenant, p_agency, p_status, p_due_hour, nextval('contact_worklist_tally_slot'), p_delta);
  ELSIF v_left = 0 THEN
    DELETE FROM contact_worklist_tally
     WHERE tenant_id = p_tenant AND owning_agency_id = p_agency AND status = p_status AND due_hour = p_due_hour AND slot = v_slot;
  END IF;
END;
$$;--> statement-breakpoint
-- Once per statement on contact: the statement's rows in and out of open work, summed by key (in key order), so a
-- bulk insert of thousands of contacts makes one change per hour of deadlines, and an edit that moves nothing
-- (a narrative, an allocation, a RAG rating) makes none.
CREATE FUNCTION contact_worklist_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR d IN
      SELECT tenant_id, owning_agency_id, status, contact_worklist_due_hour(decision_due_at) AS due_hour, count(*)::integer AS delta
        FROM contact_worklist_new WHERE status IN ('open', 'awaiting_authorisation')
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    LOOP
      PERFORM contact_worklist_tally_add(d.tenant_id, d.owning_agency_id, d.status, d.due_hour, d.delta);
    END LOOP;
  ELSIF TG_OP = 'UPDATE' THEN
    FOR d IN
      SELECT tenant_id, owning_agency_id, status, due_hour, sum(n)::integer AS delta
        FROM (SELECT tenant_id, owning_agency_id, status, contact_worklist_due_hour(decision_due_at) AS due_hour, 1 AS n
                FROM contact_worklist_new WHERE status IN ('open', 'awaiting_authorisation')
              UNION ALL
              SELECT tenant_id, owning_agency_id, status, contact_worklist_due_hour(decision_due_at), -1
                FROM contact_worklist_old WHERE status IN ('open', 'awaiting_authorisation')) moved
       GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    LOOP
      PERFORM contact_worklist_tally_add(d.tenant_id, d.owning_agency_id, d.status, d.due_hour, d.delta);
    END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR d IN
      SELECT tenant_id, owning_agency_id, status, contact_worklist_due_hour(decision_due_at) AS due_hour, -count(*)::integer AS delta
        FROM contact_worklist_old WHERE status IN ('open', 'awaiting_authorisation')
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    LOOP
      PERFORM contact_worklist_tally_add(d.tenant_id, d.owning_agency_id, d.status, d.due_hour, d.delta);
    END LOOP;
  ELSE -- TRUNCATE
    DELETE FROM contact_worklist_tally;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER contact_worklist_tally_insert AFTER INSERT ON contact REFERENCING NEW TABLE AS contact_worklist_new
  FOR EACH STATEMENT EXECUTE FUNCTION contact_worklist_tally_change();--> statement-breakpoint
CREATE TRIGGER contact_worklist_tally_update AFTER UPDATE ON contact REFERENCING OLD TABLE AS contact_worklist_old NEW TABLE AS contact_worklist_new
  FOR EACH STATEMENT EXECUTE FUNCTION contact_worklist_tally_change();--> statement-breakpoint
CREATE TRIGGER contact_worklist_tally_delete AFTER DELETE ON contact REFERENCING OLD TABLE AS contact_worklist_old
  FOR EACH STATEMENT EXECUTE FUNCTION contact_worklist_tally_change();--> statement-breakpoint
CREATE TRIGGER contact_worklist_tally_truncate AFTER TRUNCATE ON contact
  FOR EACH STATEMENT EXECUTE FUNCTION contact_worklist_tally_change();--> statement-breakpoint
-- The open work already there (the triggers above lock out writers to contact until this migration commits).
INSERT INTO contact_worklist_tally (tenant_id, owning_agency_id, status, due_hour, slot, contacts)
SELECT tenant_id, owning_agency_id, status, contact_worklist_due_hour(decision_due_at), nextval('contact_worklist_tally_slot'), count(*)
  FROM contact WHERE status IN ('open', 'awaiting_authorisation')
 GROUP BY 1, 2, 3, 4;
