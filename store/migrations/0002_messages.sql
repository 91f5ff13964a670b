-- Raw messages as ingest fetched them from the mailbox, before anything
-- else happens to them. raw holds the whole message; a message too large to
-- keep whole (quarantined) has raw NULL and only its header in header.
-- sha256 is the hex SHA-256 of raw (of header when raw is NULL); it lets a
-- rescan after a UIDVALIDITY change recognise what it already has.
CREATE TABLE messages (
	id             INTEGER PRIMARY KEY,
	mailbox        TEXT    NOT NULL,
	uidvalidity    INTEGER NOT NULL,
	uid            INTEGER NOT NULL,
	message_id     TEXT    NOT NULL DEFAULT '',  -- the Message-ID header, may be empty
	sha256         TEXT    NOT NULL,
	size           INTEGER NOT NULL,             -- RFC822.SIZE, bytes
	raw            BLOB,
	header         BLOB,
	received_at    TEXT    NOT NULL,             -- INTERNALDATE, RFC 3339 UTC
	stored_at      TEXT    NOT NULL,             -- RFC 3339 UTC
	state          TEXT    NOT NULL,             -- stored, quarantined, processed, unreadable, ignored
	state_detail   TEXT    NOT NULL DEFAULT '',
	UNIQUE (mailbox, uidvalidity, uid)
);
CREATE INDEX messages_sha256 ON messages (sha256);
CREATE INDEX messages_state ON messages (state, id);

-- Per mailbox: the UIDVALIDITY last seen and the highest UID stored.
CREATE TABLE checkpoints (
	mailbox     TEXT    PRIMARY KEY,
	uidvalidity INTEGER NOT NULL,
	last_uid    INTEGER NOT NULL,
	updated_at  TEXT    NOT NULL
);

-- Server actions (move to a folder, set a keyword) promised in the
-- transaction that stored a message and not yet done. A row is deleted
-- once the server has confirmed the action; after a crash the next pass
-- does what is left (UID MOVE of a UID already moved is a no-op).
CREATE TABLE pending_actions (
	mailbox     TEXT    NOT NULL,
	uidvalidity INTEGER NOT NULL,
	uid         INTEGER NOT NULL,
	action      TEXT    NOT NULL,  -- "move:FOLDER" or "flag:KEYWORD"
	PRIMARY KEY (mailbox, uidvalidity, uid)
);
