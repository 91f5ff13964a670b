package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

// Stats counts messages, parse results and outbox rows, and reads the
// last successful mailbox sync, in one read-only transaction.
func (s *Store) Stats(ctx context.Context) (intake.Stats, error) {
	var st intake.Stats
	err := s.View(ctx, func(t intake.Tx) error {
		q := t.(*tx).tx
		var err error
		if st.MessagesByState, err = countBy(ctx, q, "messages", "state"); err != nil {
			return err
		}
		for _, n := range st.MessagesByState {
			st.MessagesTotal += n
		}
		if st.ParseByKind, err = countBy(ctx, q, "parse_results", "kind"); err != nil {
			return err
		}
		if st.OutboxByState, err = countBy(ctx, q, "outbox", "state"); err != nil {
			return err
		}
		for state, n := range st.OutboxByState {
			switch state {
			case intake.OutboxFailed:
				st.OutboxFailed += n
			case intake.OutboxPending, intake.OutboxSending, intake.OutboxHeld:
				st.OutboxBacklog += n
			}
		}
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE kind = ? AND state = ?`,
			string(intake.NoticeChaser), intake.OutboxSent).Scan(&st.ChasersSent); err != nil {
			return fmt.Errorf("store: counting chasers sent: %w", err)
		}
		last, err := meta(ctx, q, intake.MetaLastSync)
		if err != nil {
			return err
		}
		if last != "" {
			st.LastSync, _ = time.Parse(time.RFC3339, last)
		}
		return nil
	})
	return st, err
}

// countBy counts the rows of table grouped by col (both trusted names).
func countBy(ctx context.Context, q querier, table, col string) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, fmt.Sprintf(`SELECT %s, COUNT(*) FROM %s GROUP BY 1`, col, table))
	if err != nil {
		return nil, fmt.Errorf("store: counting %s by %s: %w", table, col, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k sql.NullString
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("store: counting %s by %s: %w", table, col, err)
		}
		out[k.String] += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: counting %s by %s: %w", table, col, err)
	}
	return out, nil
}
