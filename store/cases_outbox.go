package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// OutboxMessageID returns the Message-ID (without angle brackets) of the
// outbox row with idempotency key key, as Enqueue fixed it, read inside the
// caller's transaction: casework records it on a summary request to match
// the SPOC's reply. ErrNotFound if there is none.
func OutboxMessageID(ctx context.Context, q querier, key string) (string, error) {
	var mid string
	err := q.QueryRowContext(ctx, `SELECT message_id FROM outbox WHERE key = ?`, key).Scan(&mid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: Message-ID of notice %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: Message-ID of notice %s: %w", key, err)
	}
	return mid, nil
}

// NoticesToSince counts the notices of kind queued for addr
// (case-insensitive) at or after since, whatever became of them: the
// per-sender daily cap on acknowledgements.
func NoticesToSince(ctx context.Context, q querier, kind intake.NoticeKind, addr string, since time.Time) (int, error) {
	addr = strings.ToLower(strings.TrimSpace(addr))
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE kind = ? AND created_at >= ?
		AND (',' || recipients || ',') LIKE ? ESCAPE '\'`,
		string(kind), outboxTime(since), "%,"+likeEscape(addr)+",%").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: counting %s notices to one recipient: %w", kind, err)
	}
	return n, nil
}
