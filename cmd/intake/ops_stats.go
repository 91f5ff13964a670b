package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// opsStats is what /metrics and /healthz report, read from the store at
// each scrape. A table that another part has not created (an older
// database, or a build without that part) leaves its figures unset
// rather than failing the scrape.
type opsStats struct {
	MessagesByState map[string]int64 // messages table, by state
	MessagesTotal   int64
	ParseByKind     map[string]int64 // parse results, by kind; nil if not recorded
	HaveOutbox      bool
	OutboxByState   map[string]int64 // outbox rows, by state
	OutboxBacklog   int64            // rows still to send
	OutboxFailed    int64            // rows given up on
	ChasersSent     int64            // chaser rows sent
	LastSync        time.Time        // zero if never
}

// The outbox states that count as backlog and as failed. The outbox keeps
// rows for ever, so sent rows are neither.
var (
	outboxBacklogStates = map[string]bool{"pending": true, "sending": true, "held": true}
	outboxFailedStates  = map[string]bool{"failed": true}
)

// readOpsStats reads the figures from db.
func readOpsStats(ctx context.Context, db *sql.DB) (opsStats, error) {
	var s opsStats
	cols, err := tableColumns(ctx, db, "messages")
	if err != nil {
		return s, err
	}
	if cols["state"] {
		if s.MessagesByState, err = countBy(ctx, db, "messages", "state", ""); err != nil {
			return s, err
		}
		for _, n := range s.MessagesByState {
			s.MessagesTotal += n
		}
	}
	if cols["kind"] {
		if s.ParseByKind, err = countBy(ctx, db, "messages", "kind", "kind IS NOT NULL AND kind != ''"); err != nil {
			return s, err
		}
	} else if pc, err := tableColumns(ctx, db, "parse_results"); err != nil {
		return s, err
	} else if pc["kind"] {
		if s.ParseByKind, err = countBy(ctx, db, "parse_results", "kind", ""); err != nil {
			return s, err
		}
	}
	oc, err := tableColumns(ctx, db, "outbox")
	if err != nil {
		return s, err
	}
	if stateCol := firstOf(oc, "state", "status"); stateCol != "" {
		s.HaveOutbox = true
		if s.OutboxByState, err = countBy(ctx, db, "outbox", stateCol, ""); err != nil {
			return s, err
		}
		for st, n := range s.OutboxByState {
			switch {
			case outboxFailedStates[st]:
				s.OutboxFailed += n
			case outboxBacklogStates[st]:
				s.OutboxBacklog += n
			}
		}
		if oc["kind"] {
			q := fmt.Sprintf(`SELECT COUNT(*) FROM outbox WHERE kind = 'chaser' AND %s = 'sent'`, stateCol)
			if err := db.QueryRowContext(ctx, q).Scan(&s.ChasersSent); err != nil {
				return s, fmt.Errorf("reading chasers sent: %w", err)
			}
		}
	}
	var last string
	err = db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'last_sync'`).Scan(&last)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return s, fmt.Errorf("reading last sync: %w", err)
	default:
		s.LastSync, _ = time.Parse(time.RFC3339, last)
	}
	return s, nil
}

// tableColumns returns the column names of table, or an empty set if the
// table does not exist.
func tableColumns(ctx context.Context, db *sql.DB, table string) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, fmt.Errorf("reading columns of %s: %w", table, err)
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("reading columns of %s: %w", table, err)
		}
		cols[n] = true
	}
	return cols, rows.Err()
}

func firstOf(cols map[string]bool, names ...string) string {
	for _, n := range names {
		if cols[n] {
			return n
		}
	}
	return ""
}

// countBy counts the rows of table grouped by col (both trusted names).
func countBy(ctx context.Context, db *sql.DB, table, col, where string) (map[string]int64, error) {
	q := fmt.Sprintf(`SELECT %s, COUNT(*) FROM %s`, col, table)
	if where != "" {
		q += " WHERE " + where
	}
	q += " GROUP BY 1"
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("counting %s by %s: %w", table, col, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k sql.NullString
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("counting %s by %s: %w", table, col, err)
		}
		out[k.String] += n
	}
	return out, rows.Err()
}
