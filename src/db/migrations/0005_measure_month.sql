CREATE TABLE "measure_month" (
	"tenant_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"month" date NOT NULL,
	"numerator" integer NOT NULL,
	"denominator" integer NOT NULL,
	"median" real,
	CONSTRAINT "measure_month_tenant_id_measure_id_month_pk" PRIMARY KEY("tenant_id","measure_id","month")
);
