-- version counts the saves of a case: every SaveCase adds one. A read
-- (View) that has decoded a case's document keeps it under its row id
-- and version, and decodes it again only when the version moves, so that
-- lists of thousands of cases are not decoded on every page.
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
