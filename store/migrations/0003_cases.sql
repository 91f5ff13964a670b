-- Cases and their clocks. A case is made from a referral; further
-- referrals for the same child and incident are linked to it
-- (case_referrals). Dates (aware_date, due_date, ...) are YYYY-MM-DD in
-- Europe/London; instants are RFC 3339 UTC. Lists are JSON arrays.
--
-- The child's identity (child_name, child_dob, incident_date) is kept so
-- that a second referral can be linked; it is personal data: the store may
-- hold it, logs and audit details never do.

-- The last case number issued per year. Numbers only ever go up, so a
-- reference is never reused, and the immediate transaction that takes one
-- serialises concurrent creation.
CREATE TABLE case_counters (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL
);

CREATE TABLE cases (
	id                      INTEGER PRIMARY KEY,
	ref                     TEXT    NOT NULL UNIQUE,   -- e.g. KSCMP-2026-0042
	state                   TEXT    NOT NULL,
	created_at              TEXT    NOT NULL,
	updated_at              TEXT    NOT NULL,
	aware_date              TEXT    NOT NULL DEFAULT '',
	notification_date       TEXT    NOT NULL DEFAULT '',
	request_date            TEXT    NOT NULL DEFAULT '',
	referral_message        INTEGER REFERENCES messages (id),
	referrer                TEXT    NOT NULL DEFAULT '', -- address acknowledgements and the outcome go to
	referrer_message_id     TEXT    NOT NULL DEFAULT '', -- the referral's Message-ID, for threading
	verdict                 TEXT    NOT NULL DEFAULT '',
	missing                 TEXT    NOT NULL DEFAULT '[]',
	flags                   TEXT    NOT NULL DEFAULT '[]',
	unknown_agencies        TEXT    NOT NULL DEFAULT '[]',
	awaiting_referrer_since TEXT    NOT NULL DEFAULT '',
	child_name              TEXT    NOT NULL DEFAULT '',
	child_dob               TEXT    NOT NULL DEFAULT '',
	incident_date           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX cases_state ON cases (state);
CREATE INDEX cases_child_dob ON cases (child_dob);

-- Every referral message of a case: the first (linked = 0) and any linked.
CREATE TABLE case_referrals (
	case_id INTEGER NOT NULL REFERENCES cases (id),
	message INTEGER NOT NULL REFERENCES messages (id),
	linked  INTEGER NOT NULL,
	at      TEXT    NOT NULL,
	PRIMARY KEY (case_id, message)
);

-- One request per case and agency. message_id is the outgoing request's
-- Message-ID (lower case, no angle brackets), against which replies'
-- In-Reply-To and References are matched. status: requested, received,
-- received_unverified (overdue is worked out from due_date, not stored).
CREATE TABLE summary_requests (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	agency       TEXT    NOT NULL,
	agency_name  TEXT    NOT NULL,
	recipients   TEXT    NOT NULL DEFAULT '',
	message_id   TEXT    NOT NULL DEFAULT '',
	requested_at TEXT    NOT NULL,
	due_date     TEXT    NOT NULL DEFAULT '',
	status       TEXT    NOT NULL,
	received_at  TEXT    NOT NULL DEFAULT '',
	UNIQUE (case_id, agency)
);
CREATE INDEX summary_requests_message_id ON summary_requests (message_id);

-- Every agency summary received, with how it was matched.
CREATE TABLE summaries (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	agency      TEXT    NOT NULL,
	message     INTEGER NOT NULL REFERENCES messages (id),
	received_at TEXT    NOT NULL,
	route       TEXT    NOT NULL,  -- thread or case_ref
	verified    INTEGER NOT NULL,  -- 0: the sender is not the agency's SPOC
	sender      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX summaries_case ON summaries (case_id);

-- Periods the case's clock stood still; ended_at '' while running.
CREATE TABLE case_pauses (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	started_at TEXT    NOT NULL,
	started_by TEXT    NOT NULL,
	reason     TEXT    NOT NULL,
	ended_at   TEXT    NOT NULL DEFAULT '',
	ended_by   TEXT    NOT NULL DEFAULT '',
	end_reason TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX case_pauses_case ON case_pauses (case_id);

-- The rapid review decision, one per case.
CREATE TABLE outcomes (
	case_id    INTEGER PRIMARY KEY REFERENCES cases (id),
	decision   TEXT NOT NULL,
	reason     TEXT NOT NULL,
	decided_by TEXT NOT NULL,
	decided_at TEXT NOT NULL
);

-- What parse made of each processed message: its kind, the case it was
-- filed under, and the parse.Result as JSON (the `intake parse --json`
-- contract).
CREATE TABLE parse_results (
	message   INTEGER PRIMARY KEY REFERENCES messages (id),
	kind      TEXT NOT NULL,
	case_ref  TEXT NOT NULL DEFAULT '',
	result    TEXT NOT NULL,
	parsed_at TEXT NOT NULL
);
CREATE INDEX parse_results_kind ON parse_results (kind);
