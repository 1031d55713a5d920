-- Matching on messy records (issue 13): blocking keys are now made of name words in any box, their sounds and
-- parts of the date of birth, and the model is estimated per training rule. The stored keys and profiles are
-- derived data made by the old rules, so they are dropped here and rebuilt by the start-up code
-- (readyTheRegister → rebuildMissing), and the stored models are dropped so registers large enough to learn from
-- are estimated afresh by the new method (smaller ones use the synthetic register's parameters, as before).
DELETE FROM "person_match_key";
--> statement-breakpoint
DELETE FROM "person_match_profile";
--> statement-breakpoint
DELETE FROM "match_model";
