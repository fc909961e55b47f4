-- tutor_stat is small and hot: every offer, match, completion and rating updates its volunteer's row, and as the
-- indexed bonus (and the GIN-indexed arrays) take part in those updates none of them is HOT. With the default
-- thresholds (50 rows + 20 % of the table) up to a fifth of its row versions wait dead between vacuums, and the
-- ranking's index lookups (one per volunteer of the request's kecamatan, the skill/language GIN lookups) visit
-- them: at 50,000 volunteers the same ranking took 20 ms of execution after a vacuum of tutor_stat against 31 ms
-- with its 10,000 dead rows. Vacuum it once 2 % has changed (and analyze at 5 %); the table is a few MB, so each run
-- is short.
ALTER TABLE tutor_stat SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
