-- The audit trail: what intake received, decided and sent, and who did it.
-- Rows are only ever inserted. detail never holds names, dates of birth or
-- form text: references and identifiers only.
CREATE TABLE audit (
	id         INTEGER PRIMARY KEY,
	at         TEXT NOT NULL,           -- RFC 3339, UTC
	actor      TEXT NOT NULL,           -- "intake", or the person who acted
	action     TEXT NOT NULL,           -- e.g. message.stored, case.created, outbox.sent
	case_ref   TEXT NOT NULL DEFAULT '',
	message_id INTEGER,                 -- messages.id where it concerns one
	detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_case ON audit (case_ref, id);

-- Small settings intake keeps for itself (e.g. the last successful sync).
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
