-- version counts the saves of a case: every SaveCase adds one. A read
-- (View) that has decoded a case's document keeps it under its id and
-- version, and decodes it again only when the version moves, so that
-- lists of thousands of cases are not decoded on every page. It is a
-- table of its own so that reading every case's version touches neither
-- the documents (which fill overflow pages) nor the planner's choices.
CREATE TABLE case_versions (
	case_id INTEGER PRIMARY KEY REFERENCES cases (id),
	version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO case_versions (case_id) SELECT id FROM cases;
