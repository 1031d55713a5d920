CREATE TABLE "da_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"forum" text NOT NULL,
	"da_case_id" uuid,
	"marac_referral_id" uuid,
	"meeting_id" uuid,
	"description" text NOT NULL,
	"owner_agency_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"due_on" date NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_user_id" uuid,
	"done_note" text
);
--> statement-breakpoint
CREATE TABLE "da_case" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"incident_id" uuid,
	"police_reference" text,
	"incident_type" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"place" text,
	"postcode" text,
	"police_risk" text,
	"victim_key" text,
	"perpetrator_key" text,
	"incidents_in_year" integer DEFAULT 1 NOT NULL,
	"repeat_of_referral_id" uuid,
	"household_risk" text,
	"household_reviewed_at" timestamp with time zone,
	"household_reviewed_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "da_case_contact" UNIQUE("contact_id")
);
--> statement-breakpoint
CREATE TABLE "da_person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"da_case_id" uuid NOT NULL,
	"named_person_id" uuid,
	"person_id" uuid,
	"role" text NOT NULL,
	"given_names" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date,
	"person_key" text,
	"police_risk" text,
	"grading" text,
	"grading_reason" text,
	"child_voice" text,
	"child_demeanour" text,
	"school_given" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "da_service_allocation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"by_user_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "da_service_case" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"service" text NOT NULL,
	"da_case_id" uuid,
	"marac_referral_id" uuid,
	"person_id" uuid,
	"client_name" text NOT NULL,
	"referred_by_agency_id" uuid,
	"referred_by_user_id" uuid,
	"referred_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"risk_at_intake" text NOT NULL,
	"current_risk" text NOT NULL,
	"risk_at_closure" text,
	"keyworker_user_id" uuid,
	"safety_plan" text,
	"safety_plan_updated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "da_service_risk_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"from_risk" text NOT NULL,
	"to_risk" text NOT NULL,
	"reason" text NOT NULL,
	"keyworker_user_id" uuid,
	"by_user_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dash_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"da_case_id" uuid,
	"da_person_id" uuid,
	"person_id" uuid,
	"version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"victim_words" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"score" integer NOT NULL,
	"scored_grading" text NOT NULL,
	"judgement_grading" text,
	"judgement_reason" text,
	"grading" text NOT NULL,
	"escalation" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"agency_id" uuid,
	"completed_by_user_id" uuid,
	"completed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_sharing_agreement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"partner_tenant_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"reference" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "encompass_key_adult" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by_user_id" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "encompass_key_adult_once" UNIQUE("agency_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "encompass_notice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"da_case_id" uuid NOT NULL,
	"da_person_id" uuid NOT NULL,
	"route" text NOT NULL,
	"agency_id" uuid,
	"needs_setting" text,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_user_id" uuid,
	"support" text[] DEFAULT '{}'::text[] NOT NULL,
	"support_note" text,
	"support_recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "encompass_notice_child" UNIQUE("da_person_id")
);
--> statement-breakpoint
CREATE TABLE "mada_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"da_case_id" uuid NOT NULL,
	"meeting_id" uuid,
	"meeting_tenant_id" uuid,
	"decisions" text[] NOT NULL,
	"reason" text NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mada_decision_case" UNIQUE("da_case_id")
);
--> statement-breakpoint
CREATE TABLE "mada_meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_on" date NOT NULL,
	"chair_user_id" uuid,
	"agencies_present" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"partner_tenant_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "mada_meeting_day" UNIQUE("tenant_id","meeting_on")
);
--> statement-breakpoint
CREATE TABLE "marac_meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marac_meeting_agency" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"present" boolean,
	CONSTRAINT "marac_meeting_agency_once" UNIQUE("meeting_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "marac_minutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"text" text NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "marac_minutes_once" UNIQUE("meeting_id","referral_id")
);
--> statement-breakpoint
CREATE TABLE "marac_referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"da_case_id" uuid,
	"victim_person_id" uuid,
	"perpetrator_person_id" uuid,
	"victim_name" text NOT NULL,
	"perpetrator_name" text,
	"victim_key" text,
	"perpetrator_key" text,
	"referring_agency_id" uuid NOT NULL,
	"referred_by_user_id" uuid,
	"referred_at" timestamp with time zone NOT NULL,
	"criteria" text[] NOT NULL,
	"dash_score" integer,
	"reason" text NOT NULL,
	"previous_referral_id" uuid,
	"status" text DEFAULT 'referred' NOT NULL,
	"meeting_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marac_research" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"known" text NOT NULL,
	"information" text NOT NULL,
	"completed_by_user_id" uuid,
	"completed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "marac_research_once" UNIQUE("referral_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "person_education" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"agency_id" uuid,
	"source" text NOT NULL,
	"from_date" date,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_calendar" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid,
	"day_starts_at" text DEFAULT '08:45' NOT NULL,
	"terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_calendar_once" UNIQUE NULLS NOT DISTINCT("tenant_id","agency_id")
);
--> statement-breakpoint
ALTER TABLE "da_action" ADD CONSTRAINT "da_action_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_action" ADD CONSTRAINT "da_action_da_case_id_da_case_id_fk" FOREIGN KEY ("da_case_id") REFERENCES "public"."da_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_action" ADD CONSTRAINT "da_action_owner_agency_id_agency_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_action" ADD CONSTRAINT "da_action_owner_user_id_app_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_action" ADD CONSTRAINT "da_action_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_action" ADD CONSTRAINT "da_action_done_by_user_id_app_user_id_fk" FOREIGN KEY ("done_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_case" ADD CONSTRAINT "da_case_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_case" ADD CONSTRAINT "da_case_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_case" ADD CONSTRAINT "da_case_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_case" ADD CONSTRAINT "da_case_household_reviewed_by_user_id_app_user_id_fk" FOREIGN KEY ("household_reviewed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_person" ADD CONSTRAINT "da_person_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_person" ADD CONSTRAINT "da_person_da_case_id_da_case_id_fk" FOREIGN KEY ("da_case_id") REFERENCES "public"."da_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_person" ADD CONSTRAINT "da_person_named_person_id_contact_named_person_id_fk" FOREIGN KEY ("named_person_id") REFERENCES "public"."contact_named_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_person" ADD CONSTRAINT "da_person_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_allocation" ADD CONSTRAINT "da_service_allocation_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_allocation" ADD CONSTRAINT "da_service_allocation_case_id_da_service_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."da_service_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_allocation" ADD CONSTRAINT "da_service_allocation_from_user_id_app_user_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_allocation" ADD CONSTRAINT "da_service_allocation_to_user_id_app_user_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_allocation" ADD CONSTRAINT "da_service_allocation_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_case" ADD CONSTRAINT "da_service_case_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_case" ADD CONSTRAINT "da_service_case_da_case_id_da_case_id_fk" FOREIGN KEY ("da_case_id") REFERENCES "public"."da_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_case" ADD CONSTRAINT "da_service_case_marac_referral_id_marac_referral_id_fk" FOREIGN KEY ("marac_referral_id") REFERENCES "public"."marac_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_case" ADD CONSTRAINT "da_service_case_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_case" ADD CONSTRAINT "da_service_case_referred_by_agency_id_agency_id_fk" FOREIGN KEY ("referred_by_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_case" ADD CONSTRAINT "da_service_case_referred_by_user_id_app_user_id_fk" FOREIGN KEY ("referred_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_case" ADD CONSTRAINT "da_service_case_keyworker_user_id_app_user_id_fk" FOREIGN KEY ("keyworker_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_risk_change" ADD CONSTRAINT "da_service_risk_change_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_risk_change" ADD CONSTRAINT "da_service_risk_change_case_id_da_service_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."da_service_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_risk_change" ADD CONSTRAINT "da_service_risk_change_keyworker_user_id_app_user_id_fk" FOREIGN KEY ("keyworker_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "da_service_risk_change" ADD CONSTRAINT "da_service_risk_change_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dash_assessment" ADD CONSTRAINT "dash_assessment_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dash_assessment" ADD CONSTRAINT "dash_assessment_da_case_id_da_case_id_fk" FOREIGN KEY ("da_case_id") REFERENCES "public"."da_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dash_assessment" ADD CONSTRAINT "dash_assessment_da_person_id_da_person_id_fk" FOREIGN KEY ("da_person_id") REFERENCES "public"."da_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dash_assessment" ADD CONSTRAINT "dash_assessment_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dash_assessment" ADD CONSTRAINT "dash_assessment_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dash_assessment" ADD CONSTRAINT "dash_assessment_completed_by_user_id_app_user_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sharing_agreement" ADD CONSTRAINT "data_sharing_agreement_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sharing_agreement" ADD CONSTRAINT "data_sharing_agreement_partner_tenant_id_tenant_id_fk" FOREIGN KEY ("partner_tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sharing_agreement" ADD CONSTRAINT "data_sharing_agreement_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_key_adult" ADD CONSTRAINT "encompass_key_adult_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_key_adult" ADD CONSTRAINT "encompass_key_adult_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_key_adult" ADD CONSTRAINT "encompass_key_adult_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_key_adult" ADD CONSTRAINT "encompass_key_adult_added_by_user_id_app_user_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_notice" ADD CONSTRAINT "encompass_notice_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_notice" ADD CONSTRAINT "encompass_notice_da_case_id_da_case_id_fk" FOREIGN KEY ("da_case_id") REFERENCES "public"."da_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_notice" ADD CONSTRAINT "encompass_notice_da_person_id_da_person_id_fk" FOREIGN KEY ("da_person_id") REFERENCES "public"."da_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_notice" ADD CONSTRAINT "encompass_notice_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "encompass_notice" ADD CONSTRAINT "encompass_notice_acknowledged_by_user_id_app_user_id_fk" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mada_decision" ADD CONSTRAINT "mada_decision_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mada_decision" ADD CONSTRAINT "mada_decision_da_case_id_da_case_id_fk" FOREIGN KEY ("da_case_id") REFERENCES "public"."da_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mada_decision" ADD CONSTRAINT "mada_decision_meeting_id_mada_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mada_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mada_decision" ADD CONSTRAINT "mada_decision_meeting_tenant_id_tenant_id_fk" FOREIGN KEY ("meeting_tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mada_decision" ADD CONSTRAINT "mada_decision_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mada_meeting" ADD CONSTRAINT "mada_meeting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mada_meeting" ADD CONSTRAINT "mada_meeting_chair_user_id_app_user_id_fk" FOREIGN KEY ("chair_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_meeting" ADD CONSTRAINT "marac_meeting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_meeting" ADD CONSTRAINT "marac_meeting_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_meeting_agency" ADD CONSTRAINT "marac_meeting_agency_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_meeting_agency" ADD CONSTRAINT "marac_meeting_agency_meeting_id_marac_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."marac_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_meeting_agency" ADD CONSTRAINT "marac_meeting_agency_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_minutes" ADD CONSTRAINT "marac_minutes_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_minutes" ADD CONSTRAINT "marac_minutes_meeting_id_marac_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."marac_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_minutes" ADD CONSTRAINT "marac_minutes_referral_id_marac_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."marac_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_minutes" ADD CONSTRAINT "marac_minutes_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_da_case_id_da_case_id_fk" FOREIGN KEY ("da_case_id") REFERENCES "public"."da_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_victim_person_id_person_id_fk" FOREIGN KEY ("victim_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_perpetrator_person_id_person_id_fk" FOREIGN KEY ("perpetrator_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_referring_agency_id_agency_id_fk" FOREIGN KEY ("referring_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_referred_by_user_id_app_user_id_fk" FOREIGN KEY ("referred_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_meeting_id_marac_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."marac_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_research" ADD CONSTRAINT "marac_research_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_research" ADD CONSTRAINT "marac_research_referral_id_marac_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."marac_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_research" ADD CONSTRAINT "marac_research_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marac_research" ADD CONSTRAINT "marac_research_completed_by_user_id_app_user_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_education" ADD CONSTRAINT "person_education_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_education" ADD CONSTRAINT "person_education_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_education" ADD CONSTRAINT "person_education_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_calendar" ADD CONSTRAINT "school_calendar_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_calendar" ADD CONSTRAINT "school_calendar_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "da_action_owner" ON "da_action" USING btree ("tenant_id","owner_agency_id","done_at");--> statement-breakpoint
CREATE INDEX "da_action_referral" ON "da_action" USING btree ("marac_referral_id");--> statement-breakpoint
CREATE INDEX "da_case_tenant_received" ON "da_case" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "da_case_pair" ON "da_case" USING btree ("tenant_id","victim_key","perpetrator_key");--> statement-breakpoint
CREATE INDEX "da_person_case" ON "da_person" USING btree ("da_case_id");--> statement-breakpoint
CREATE INDEX "da_person_key" ON "da_person" USING btree ("tenant_id","person_key");--> statement-breakpoint
CREATE INDEX "da_service_allocation_case" ON "da_service_allocation" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "da_service_case_status" ON "da_service_case" USING btree ("tenant_id","service","status");--> statement-breakpoint
CREATE INDEX "da_service_case_worker" ON "da_service_case" USING btree ("keyworker_user_id","status");--> statement-breakpoint
CREATE INDEX "dash_case" ON "dash_assessment" USING btree ("da_case_id");--> statement-breakpoint
CREATE INDEX "dsa_tenant" ON "data_sharing_agreement" USING btree ("tenant_id","purpose");--> statement-breakpoint
CREATE INDEX "encompass_notice_agency" ON "encompass_notice" USING btree ("agency_id","sent_at");--> statement-breakpoint
CREATE INDEX "encompass_notice_tenant" ON "encompass_notice" USING btree ("tenant_id","due_at");--> statement-breakpoint
CREATE INDEX "marac_meeting_tenant" ON "marac_meeting" USING btree ("tenant_id","meeting_at");--> statement-breakpoint
CREATE INDEX "marac_referral_pair" ON "marac_referral" USING btree ("tenant_id","victim_key","perpetrator_key","referred_at");--> statement-breakpoint
CREATE INDEX "marac_referral_meeting" ON "marac_referral" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "person_education_person" ON "person_education" USING btree ("person_id");