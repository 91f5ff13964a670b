package intake

import "time"

// MetaLastSync is the Meta key under which ingest records the time
// (RFC 3339) of its last successful pass over the mailbox.
const MetaLastSync = "last_sync"

// Stats is how the store stands, counted at one moment: what the
// daemon's /metrics and /healthz report, read afresh at each request so
// that the parts that change the figures need know nothing of them.
type Stats struct {
	MessagesByState map[string]int64 // stored messages, by state
	MessagesTotal   int64            // every message ever stored
	ParseByKind     map[string]int64 // parsed messages, by result kind
	OutboxByState   map[string]int64 // outbox rows, by state
	// OutboxBacklog counts the emails still to send (pending, sending
	// or held); OutboxFailed those given up on. The outbox keeps sent
	// rows for ever, so they count as neither.
	OutboxBacklog int64
	OutboxFailed  int64
	ChasersSent   int64     // chasers the SMTP server accepted
	LastSync      time.Time // the last successful mailbox pass; zero if never
}
