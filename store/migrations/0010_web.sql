-- The web work queue: local accounts (for a partnership without single
-- sign-on) and the sessions of people signed in.

-- A local account. password_hash is an argon2id hash in PHC string form;
-- locked_until is RFC 3339 UTC, or '' when not locked.
CREATE TABLE accounts (
	email         TEXT PRIMARY KEY,     -- the sign-in name, lower case
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('business_team', 'viewer')),
	password_hash TEXT NOT NULL DEFAULT '',
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until  TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

-- A signed-in session. key is the hex SHA-256 of the random token in the
-- browser's cookie: the token itself is never stored. Sessions of people
-- who sign in through the identity provider have no account row.
CREATE TABLE sessions (
	key        TEXT PRIMARY KEY,
	email      TEXT NOT NULL,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL,
	via        TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen  TEXT NOT NULL
);
CREATE INDEX sessions_email ON sessions (email);
CREATE INDEX sessions_last_seen ON sessions (last_seen);
