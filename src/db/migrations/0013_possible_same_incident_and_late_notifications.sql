-- Possibly the same incident, and late notifications (docs/user-guide.md, "Possible same incident" and "Late
-- notifications"): the pairs of contacts a screener is asked about (one question per pair, whichever is newer, so a
-- pair kept apart is never raised again), the notifications that arrived later after their incident than the area
-- allows for their risk grading, and each area's own lags with their source; later notifications by incident (the
-- people of an incident a new notification is compared with).
CREATE TABLE "incident_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"other_contact_id" uuid NOT NULL,
	"incident_id" uuid,
	"other_incident_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"details" jsonb NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"update_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "late_notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"update_id" uuid,
	"source_agency_id" uuid,
	"risk_level" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"lag_minutes" integer NOT NULL,
	"allowed_hours" integer NOT NULL,
	"told" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "late_notification_setting" (
	"tenant_id" uuid NOT NULL,
	"risk_level" text NOT NULL,
	"hours" integer NOT NULL,
	"source" text NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "late_notification_setting_pk" PRIMARY KEY("tenant_id","risk_level")
);
--> statement-breakpoint
ALTER TABLE "incident_review" ADD CONSTRAINT "incident_review_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_review" ADD CONSTRAINT "incident_review_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_review" ADD CONSTRAINT "incident_review_other_contact_id_contact_id_fk" FOREIGN KEY ("other_contact_id") REFERENCES "public"."contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_review" ADD CONSTRAINT "incident_review_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_review" ADD CONSTRAINT "incident_review_other_incident_id_incident_id_fk" FOREIGN KEY ("other_incident_id") REFERENCES "public"."incident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_review" ADD CONSTRAINT "incident_review_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_review" ADD CONSTRAINT "incident_review_update_id_contact_update_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."contact_update"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_notification" ADD CONSTRAINT "late_notification_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_notification" ADD CONSTRAINT "late_notification_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_notification" ADD CONSTRAINT "late_notification_update_id_contact_update_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."contact_update"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_notification" ADD CONSTRAINT "late_notification_source_agency_id_agency_id_fk" FOREIGN KEY ("source_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_notification_setting" ADD CONSTRAINT "late_notification_setting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_notification_setting" ADD CONSTRAINT "late_notification_setting_updated_by_user_id_app_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_review_pair" ON "incident_review" USING btree (least("contact_id", "other_contact_id"),greatest("contact_id", "other_contact_id"));--> statement-breakpoint
CREATE INDEX "incident_review_contact" ON "incident_review" USING btree ("contact_id","status");--> statement-breakpoint
CREATE INDEX "incident_review_other_contact" ON "incident_review" USING btree ("other_contact_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "late_notification_contact" ON "late_notification" USING btree ("contact_id") WHERE update_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "late_notification_update" ON "late_notification" USING btree ("update_id") WHERE update_id is not null;--> statement-breakpoint
CREATE INDEX "late_notification_received" ON "late_notification" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "contact_update_incident" ON "contact_update" USING btree ("incident_id");