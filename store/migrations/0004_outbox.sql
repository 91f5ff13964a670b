-- The outbox: every email intake will send, written in the same
-- transaction as the change that causes it. key is the notice's
-- idempotency key (e.g. chaser:KSCMP-2026-0042:police:2) and message_id
-- the Message-ID fixed when the row is made (without angle brackets), so
-- that a resend after a crash carries the same one and a bounce can be
-- matched to its row. notice is the intake.Notice as JSON.
--
-- state: pending (waiting for next_attempt_at), sending (handed to the
-- SMTP server, not yet confirmed), sent, failed (given up: permanent
-- rejection, or temporary failures for longer than the maximum age),
-- bounced (a DSN came back), held (the recipient's daily cap was reached;
-- shown in the digest, released by `intake outbox retry ID`).
-- Times are UTC, fixed-width RFC 3339 with nanoseconds, so they sort as
-- text.
CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY,
	key             TEXT    NOT NULL UNIQUE,
	kind            TEXT    NOT NULL,
	case_ref        TEXT    NOT NULL DEFAULT '',
	message_id      TEXT    NOT NULL UNIQUE,
	recipients      TEXT    NOT NULL DEFAULT '',  -- lower-case addresses, comma-separated
	notice          TEXT    NOT NULL,
	state           TEXT    NOT NULL,
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT    NOT NULL,
	last_error      TEXT    NOT NULL DEFAULT '',
	created_at      TEXT    NOT NULL,
	sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_case ON outbox (case_ref, id);
