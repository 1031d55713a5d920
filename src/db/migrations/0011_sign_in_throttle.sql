-- Sign-in throttling replaces the account lock: failures are counted per (account, source), per source address
-- and per account, in a table every app process shares; the lock columns go.
CREATE TABLE "sign_in_throttle" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"account_hash" text,
	"user_id" uuid,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ADD CONSTRAINT "sign_in_throttle_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "sign_in_throttle_account" ON "sign_in_throttle" USING btree ("account_hash");
--> statement-breakpoint
CREATE INDEX "sign_in_throttle_user" ON "sign_in_throttle" USING btree ("user_id");
--> statement-breakpoint
CREATE INDEX "sign_in_throttle_expires" ON "sign_in_throttle" USING btree ("expires_at");
--> statement-breakpoint
ALTER TABLE "app_user" DROP COLUMN "failed_sign_ins";
--> statement-breakpoint
ALTER TABLE "app_user" DROP COLUMN "locked_until";
