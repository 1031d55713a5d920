CREATE TABLE "cme_enquiry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"made_on" date NOT NULL,
	"result" text NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cme_referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"contact_id" uuid,
	"person_id" uuid NOT NULL,
	"child_name" text NOT NULL,
	"family_key" text NOT NULL,
	"referred_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"referring_agency_id" uuid,
	"last_school_urn" text,
	"last_school_name" text,
	"year_group" text,
	"phase" text,
	"fsm_eligible" boolean,
	"ethnicity" text NOT NULL,
	"postcode" text,
	"locality_id" uuid,
	"joint_enquiry_due_on" date NOT NULL,
	"narrative" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"allocated_user_id" uuid,
	"closed_at" timestamp with time zone,
	"outcome_code" text,
	"outcome_note" text,
	"found_at" text,
	"restricted" boolean DEFAULT false NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cme_referral_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "ehe_check" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"checked_on" date NOT NULL,
	"method" text NOT NULL,
	"outcome" text NOT NULL,
	"notes" text NOT NULL,
	"next_due_on" date,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ehe_registration" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"child_name" text NOT NULL,
	"cme_referral_id" uuid,
	"registered_on" date NOT NULL,
	"previous_school_urn" text,
	"year_group" text,
	"locality_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locality" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"postcode_prefixes" text[] NOT NULL,
	CONSTRAINT "locality_code" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "lado_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"allegation_id" uuid NOT NULL,
	"meeting_id" uuid,
	"description" text NOT NULL,
	"owner_agency_id" uuid,
	"owner_name" text,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "lado_allegation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"contact_id" uuid,
	"owning_agency_id" uuid NOT NULL,
	"person_id" uuid,
	"adult_name" text NOT NULL,
	"role_title" text,
	"employer_name" text,
	"employer_agency_id" uuid,
	"sector" text NOT NULL,
	"category" text NOT NULL,
	"referring_agency_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"what_happened" text NOT NULL,
	"decision_due_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"police_status" text DEFAULT 'none' NOT NULL,
	"police_updated_on" date,
	"open_reason" text,
	"outcome" text,
	"outcome_on" date,
	"employer_actions" text[] DEFAULT '{}'::text[] NOT NULL,
	"closed_at" timestamp with time zone,
	"allocated_user_id" uuid,
	"restricted" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lado_allegation_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "lado_child" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"allegation_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lado_meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"allegation_id" uuid NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"attendees" jsonb NOT NULL,
	"decisions" text NOT NULL,
	"review_on" date,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cme_enquiry" ADD CONSTRAINT "cme_enquiry_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_enquiry" ADD CONSTRAINT "cme_enquiry_referral_id_cme_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."cme_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_enquiry" ADD CONSTRAINT "cme_enquiry_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_referral" ADD CONSTRAINT "cme_referral_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_referral" ADD CONSTRAINT "cme_referral_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_referral" ADD CONSTRAINT "cme_referral_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_referral" ADD CONSTRAINT "cme_referral_referring_agency_id_agency_id_fk" FOREIGN KEY ("referring_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_referral" ADD CONSTRAINT "cme_referral_locality_id_locality_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."locality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_referral" ADD CONSTRAINT "cme_referral_allocated_user_id_app_user_id_fk" FOREIGN KEY ("allocated_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cme_referral" ADD CONSTRAINT "cme_referral_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehe_check" ADD CONSTRAINT "ehe_check_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehe_check" ADD CONSTRAINT "ehe_check_registration_id_ehe_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."ehe_registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehe_check" ADD CONSTRAINT "ehe_check_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehe_registration" ADD CONSTRAINT "ehe_registration_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehe_registration" ADD CONSTRAINT "ehe_registration_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehe_registration" ADD CONSTRAINT "ehe_registration_cme_referral_id_cme_referral_id_fk" FOREIGN KEY ("cme_referral_id") REFERENCES "public"."cme_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehe_registration" ADD CONSTRAINT "ehe_registration_locality_id_locality_id_fk" FOREIGN KEY ("locality_id") REFERENCES "public"."locality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ehe_registration" ADD CONSTRAINT "ehe_registration_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locality" ADD CONSTRAINT "locality_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_action" ADD CONSTRAINT "lado_action_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_action" ADD CONSTRAINT "lado_action_allegation_id_lado_allegation_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."lado_allegation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_action" ADD CONSTRAINT "lado_action_meeting_id_lado_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."lado_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_action" ADD CONSTRAINT "lado_action_owner_agency_id_agency_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_allegation" ADD CONSTRAINT "lado_allegation_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_allegation" ADD CONSTRAINT "lado_allegation_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_allegation" ADD CONSTRAINT "lado_allegation_owning_agency_id_agency_id_fk" FOREIGN KEY ("owning_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_allegation" ADD CONSTRAINT "lado_allegation_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_allegation" ADD CONSTRAINT "lado_allegation_employer_agency_id_agency_id_fk" FOREIGN KEY ("employer_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_allegation" ADD CONSTRAINT "lado_allegation_referring_agency_id_agency_id_fk" FOREIGN KEY ("referring_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_allegation" ADD CONSTRAINT "lado_allegation_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_allegation" ADD CONSTRAINT "lado_allegation_allocated_user_id_app_user_id_fk" FOREIGN KEY ("allocated_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_child" ADD CONSTRAINT "lado_child_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_child" ADD CONSTRAINT "lado_child_allegation_id_lado_allegation_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."lado_allegation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_child" ADD CONSTRAINT "lado_child_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_meeting" ADD CONSTRAINT "lado_meeting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_meeting" ADD CONSTRAINT "lado_meeting_allegation_id_lado_allegation_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."lado_allegation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lado_meeting" ADD CONSTRAINT "lado_meeting_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cme_enquiry_referral" ON "cme_enquiry" USING btree ("referral_id","made_on");--> statement-breakpoint
CREATE INDEX "cme_referral_person" ON "cme_referral" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cme_referral_open" ON "cme_referral" USING btree ("tenant_id","status","referred_at");--> statement-breakpoint
CREATE INDEX "cme_referral_agency" ON "cme_referral" USING btree ("referring_agency_id","referred_at");--> statement-breakpoint
CREATE INDEX "ehe_check_registration" ON "ehe_check" USING btree ("registration_id","checked_on");--> statement-breakpoint
CREATE INDEX "ehe_registration_person" ON "ehe_registration" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "ehe_registration_active" ON "ehe_registration" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "lado_action_allegation" ON "lado_action" USING btree ("allegation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lado_allegation_contact" ON "lado_allegation" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "lado_allegation_open" ON "lado_allegation" USING btree ("tenant_id","status","received_at");--> statement-breakpoint
CREATE INDEX "lado_allegation_employer" ON "lado_allegation" USING btree ("employer_agency_id");--> statement-breakpoint
CREATE INDEX "lado_child_allegation" ON "lado_child" USING btree ("allegation_id");--> statement-breakpoint
CREATE INDEX "lado_meeting_allegation" ON "lado_meeting" USING btree ("allegation_id","held_at");--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "cme_referral_reference_seq";--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "lado_allegation_reference_seq";
