CREATE TABLE "adult_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"meeting_id" uuid,
	"description" text NOT NULL,
	"owner_agency_id" uuid NOT NULL,
	"owner_name" text,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "adult_concern" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"contact_id" uuid,
	"channel" text NOT NULL,
	"owning_agency_id" uuid NOT NULL,
	"person_id" uuid,
	"adult_name" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_code" text NOT NULL,
	"source_agency_id" uuid,
	"referrer_name" text,
	"what_happened" text NOT NULL,
	"others_involved" text,
	"persons_view" text,
	"provider_id" uuid,
	"decision_due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"restricted" boolean DEFAULT false NOT NULL,
	"allocated_user_id" uuid,
	"test_needs" text,
	"test_needs_reason" text,
	"test_abuse" text,
	"test_abuse_reason" text,
	"test_protect" text,
	"test_protect_reason" text,
	"test_recorded_at" timestamp with time zone,
	"test_recorded_by_user_id" uuid,
	"decision" text,
	"decision_reason" text,
	"signpost_to" text,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"authorised_at" timestamp with time zone,
	"authorised_by_user_id" uuid,
	"returned_comment" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adult_concern_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "adult_contribution" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"question" text NOT NULL,
	"due_on" date NOT NULL,
	"asked_by_user_id" uuid NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "adult_enquiry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"concern_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"lead_kind" text DEFAULT 'adult_team' NOT NULL,
	"lead_agency_id" uuid,
	"allocated_user_id" uuid,
	"consent" text,
	"capacity" text,
	"capacity_note" text,
	"primary_support_reason" text,
	"advocacy" text,
	"advocate_name" text,
	"msp_asked" text,
	"desired_outcomes" text,
	"outcomes_achieved" text,
	"status" text DEFAULT 'open' NOT NULL,
	"conclusion" text,
	"sanctions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exit_reason" text,
	"exit_note" text,
	"ended_at" timestamp with time zone,
	"ended_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adult_enquiry_concern" UNIQUE("concern_id")
);
--> statement-breakpoint
CREATE TABLE "adult_meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"persons_voice" text NOT NULL,
	"decisions" text NOT NULL,
	"minutes" text,
	"recorded_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adult_meeting_attendee" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"agency_id" uuid,
	"attendance" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adult_risk" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"type" text NOT NULL,
	"location" text NOT NULL,
	"source" text NOT NULL,
	"description" text,
	"result" text,
	"action_taken" boolean,
	"action_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_provider" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"cqc_location_id" text,
	"service_type" text NOT NULL,
	"address" text,
	"postcode" text,
	"agency_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_provider_cqc" UNIQUE("tenant_id","cqc_location_id")
);
--> statement-breakpoint
CREATE TABLE "contract_concern" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"raised_on" date NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"closing_note" text,
	"raised_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dols_application" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"person_id" uuid,
	"person_name" text NOT NULL,
	"date_of_birth" date,
	"provider_id" uuid,
	"managing_authority" text NOT NULL,
	"setting" text NOT NULL,
	"kind" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"urgent_from" date,
	"urgent_extended_at" timestamp with time zone,
	"priority" text NOT NULL,
	"priority_reason" text,
	"assessor_user_id" uuid,
	"allocated_at" timestamp with time zone,
	"status" text DEFAULT 'received' NOT NULL,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"authorised_from" date,
	"authorised_until" date,
	"conditions" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dols_application_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "dols_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"assessor_user_id" uuid,
	"completed_on" date NOT NULL,
	CONSTRAINT "dols_assessment_once" UNIQUE("application_id","kind")
);
--> statement-breakpoint
CREATE TABLE "lead_transfer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"from_agency_id" uuid NOT NULL,
	"from_team_id" uuid,
	"to_agency_id" uuid NOT NULL,
	"to_team_id" uuid,
	"reason" text NOT NULL,
	"proposed_by_user_id" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"responded_by_user_id" uuid,
	"responded_at" timestamp with time zone,
	"response_note" text
);
--> statement-breakpoint
CREATE TABLE "provider_enquiry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"opened_on" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"conclusion" text,
	"opened_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "provider_enquiry_concern" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"provider_enquiry_id" uuid NOT NULL,
	"concern_id" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_enquiry_concern_once" UNIQUE("provider_enquiry_id","concern_id")
);
--> statement-breakpoint
CREATE TABLE "safeguarding_lead" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"team_id" uuid,
	"work_kind" text NOT NULL,
	"work_id" uuid,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	"reason" text NOT NULL,
	"set_by_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "adult_action" ADD CONSTRAINT "adult_action_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_action" ADD CONSTRAINT "adult_action_enquiry_id_adult_enquiry_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."adult_enquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_action" ADD CONSTRAINT "adult_action_meeting_id_adult_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."adult_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_action" ADD CONSTRAINT "adult_action_owner_agency_id_agency_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_owning_agency_id_agency_id_fk" FOREIGN KEY ("owning_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_source_agency_id_agency_id_fk" FOREIGN KEY ("source_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_provider_id_care_provider_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."care_provider"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_allocated_user_id_app_user_id_fk" FOREIGN KEY ("allocated_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_test_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("test_recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_authorised_by_user_id_app_user_id_fk" FOREIGN KEY ("authorised_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_concern" ADD CONSTRAINT "adult_concern_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_contribution" ADD CONSTRAINT "adult_contribution_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_contribution" ADD CONSTRAINT "adult_contribution_enquiry_id_adult_enquiry_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."adult_enquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_contribution" ADD CONSTRAINT "adult_contribution_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_contribution" ADD CONSTRAINT "adult_contribution_asked_by_user_id_app_user_id_fk" FOREIGN KEY ("asked_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_contribution" ADD CONSTRAINT "adult_contribution_answered_by_user_id_app_user_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_enquiry" ADD CONSTRAINT "adult_enquiry_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_enquiry" ADD CONSTRAINT "adult_enquiry_concern_id_adult_concern_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."adult_concern"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_enquiry" ADD CONSTRAINT "adult_enquiry_lead_agency_id_agency_id_fk" FOREIGN KEY ("lead_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_enquiry" ADD CONSTRAINT "adult_enquiry_allocated_user_id_app_user_id_fk" FOREIGN KEY ("allocated_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_enquiry" ADD CONSTRAINT "adult_enquiry_ended_by_user_id_app_user_id_fk" FOREIGN KEY ("ended_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_meeting" ADD CONSTRAINT "adult_meeting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_meeting" ADD CONSTRAINT "adult_meeting_enquiry_id_adult_enquiry_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."adult_enquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_meeting" ADD CONSTRAINT "adult_meeting_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_meeting_attendee" ADD CONSTRAINT "adult_meeting_attendee_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_meeting_attendee" ADD CONSTRAINT "adult_meeting_attendee_meeting_id_adult_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."adult_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_meeting_attendee" ADD CONSTRAINT "adult_meeting_attendee_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_risk" ADD CONSTRAINT "adult_risk_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adult_risk" ADD CONSTRAINT "adult_risk_enquiry_id_adult_enquiry_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."adult_enquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_provider" ADD CONSTRAINT "care_provider_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_provider" ADD CONSTRAINT "care_provider_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_concern" ADD CONSTRAINT "contract_concern_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_concern" ADD CONSTRAINT "contract_concern_provider_id_care_provider_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."care_provider"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_concern" ADD CONSTRAINT "contract_concern_raised_by_user_id_app_user_id_fk" FOREIGN KEY ("raised_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dols_application" ADD CONSTRAINT "dols_application_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dols_application" ADD CONSTRAINT "dols_application_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dols_application" ADD CONSTRAINT "dols_application_provider_id_care_provider_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."care_provider"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dols_application" ADD CONSTRAINT "dols_application_assessor_user_id_app_user_id_fk" FOREIGN KEY ("assessor_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dols_application" ADD CONSTRAINT "dols_application_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dols_assessment" ADD CONSTRAINT "dols_assessment_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dols_assessment" ADD CONSTRAINT "dols_assessment_application_id_dols_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."dols_application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dols_assessment" ADD CONSTRAINT "dols_assessment_assessor_user_id_app_user_id_fk" FOREIGN KEY ("assessor_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_transfer" ADD CONSTRAINT "lead_transfer_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_transfer" ADD CONSTRAINT "lead_transfer_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_transfer" ADD CONSTRAINT "lead_transfer_from_agency_id_agency_id_fk" FOREIGN KEY ("from_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_transfer" ADD CONSTRAINT "lead_transfer_from_team_id_team_id_fk" FOREIGN KEY ("from_team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_transfer" ADD CONSTRAINT "lead_transfer_to_agency_id_agency_id_fk" FOREIGN KEY ("to_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_transfer" ADD CONSTRAINT "lead_transfer_to_team_id_team_id_fk" FOREIGN KEY ("to_team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_transfer" ADD CONSTRAINT "lead_transfer_proposed_by_user_id_app_user_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_transfer" ADD CONSTRAINT "lead_transfer_responded_by_user_id_app_user_id_fk" FOREIGN KEY ("responded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_enquiry" ADD CONSTRAINT "provider_enquiry_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_enquiry" ADD CONSTRAINT "provider_enquiry_provider_id_care_provider_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."care_provider"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_enquiry" ADD CONSTRAINT "provider_enquiry_opened_by_user_id_app_user_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_enquiry_concern" ADD CONSTRAINT "provider_enquiry_concern_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_enquiry_concern" ADD CONSTRAINT "provider_enquiry_concern_provider_enquiry_id_provider_enquiry_id_fk" FOREIGN KEY ("provider_enquiry_id") REFERENCES "public"."provider_enquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_enquiry_concern" ADD CONSTRAINT "provider_enquiry_concern_concern_id_adult_concern_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."adult_concern"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_lead" ADD CONSTRAINT "safeguarding_lead_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_lead" ADD CONSTRAINT "safeguarding_lead_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_lead" ADD CONSTRAINT "safeguarding_lead_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_lead" ADD CONSTRAINT "safeguarding_lead_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_lead" ADD CONSTRAINT "safeguarding_lead_set_by_user_id_app_user_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adult_action_enquiry" ON "adult_action" USING btree ("enquiry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "adult_concern_contact" ON "adult_concern" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "adult_concern_worklist" ON "adult_concern" USING btree ("tenant_id","status","decision_due_at");--> statement-breakpoint
CREATE INDEX "adult_concern_person" ON "adult_concern" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "adult_concern_received" ON "adult_concern" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "adult_contribution_agency" ON "adult_contribution" USING btree ("tenant_id","agency_id","answered_at");--> statement-breakpoint
CREATE INDEX "adult_contribution_enquiry" ON "adult_contribution" USING btree ("enquiry_id");--> statement-breakpoint
CREATE INDEX "adult_enquiry_tenant_status" ON "adult_enquiry" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "adult_enquiry_ended" ON "adult_enquiry" USING btree ("tenant_id","ended_at");--> statement-breakpoint
CREATE INDEX "adult_meeting_enquiry" ON "adult_meeting" USING btree ("enquiry_id");--> statement-breakpoint
CREATE INDEX "adult_meeting_held" ON "adult_meeting" USING btree ("tenant_id","kind","held_at");--> statement-breakpoint
CREATE INDEX "adult_meeting_attendee_meeting" ON "adult_meeting_attendee" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "adult_risk_enquiry" ON "adult_risk" USING btree ("enquiry_id");--> statement-breakpoint
CREATE INDEX "care_provider_agency" ON "care_provider" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "contract_concern_provider" ON "contract_concern" USING btree ("provider_id","status");--> statement-breakpoint
CREATE INDEX "contract_concern_raised" ON "contract_concern" USING btree ("tenant_id","raised_on");--> statement-breakpoint
CREATE INDEX "dols_application_status" ON "dols_application" USING btree ("tenant_id","status","priority");--> statement-breakpoint
CREATE INDEX "dols_application_received" ON "dols_application" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "lead_transfer_to" ON "lead_transfer" USING btree ("tenant_id","to_agency_id","status");--> statement-breakpoint
CREATE INDEX "lead_transfer_person" ON "lead_transfer" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "provider_enquiry_provider" ON "provider_enquiry" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "safeguarding_lead_one_open" ON "safeguarding_lead" USING btree ("person_id") WHERE until is null;--> statement-breakpoint
CREATE INDEX "safeguarding_lead_agency" ON "safeguarding_lead" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "adult_concern_reference_seq";--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "dols_application_reference_seq";
