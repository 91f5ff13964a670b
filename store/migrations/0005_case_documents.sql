-- Cases are saved whole, as casework changed them: doc is the case as
-- JSON (intake.Case), and the columns beside it are what lists and
-- look-ups select by, rewritten from doc at every save. summary_requests
-- is likewise rewritten at every save: it is the index from a request's
-- Message-ID to its case and agency, so that a SPOC's reply finds its
-- request. The tables the first version kept a case's parts in
-- (case_pauses, summaries, case_referrals, outcomes) are no longer
-- written; a case stored before this migration is read from them once
-- and saved as a document (store/casebook_upgrade.go).
ALTER TABLE cases ADD COLUMN doc TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX summary_requests_case ON summary_requests (case_id);
