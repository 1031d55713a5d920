-- Extensions used for matching people (trigram similarity, phonetic keys, accent folding).
-- PGlite loads them as extensions at start-up; a real server needs the postgresql-contrib package.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
