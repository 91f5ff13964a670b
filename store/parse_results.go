package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ParseResult is what parse made of a stored message, as the casework part
// saved it.
type ParseResult struct {
	Message  int64     `json:"message"`
	Kind     string    `json:"kind"`
	CaseRef  string    `json:"case_ref,omitempty"`
	Result   []byte    `json:"-"` // the parse.Result as JSON
	ParsedAt time.Time `json:"parsed_at"`
}

// SaveParseResult stores (or replaces) what parse made of a message,
// inside the caller's transaction.
func SaveParseResult(ctx context.Context, tx *sql.Tx, r ParseResult) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO parse_results (message, kind, case_ref, result, parsed_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (message) DO UPDATE SET kind = excluded.kind, case_ref = excluded.case_ref, result = excluded.result, parsed_at = excluded.parsed_at`,
		r.Message, r.Kind, r.CaseRef, string(r.Result), outboxTime(r.ParsedAt))
	if err != nil {
		return fmt.Errorf("store: saving parse result of message %d: %w", r.Message, err)
	}
	return nil
}

// GetParseResult returns what parse made of message id.
func GetParseResult(ctx context.Context, q querier, id int64) (ParseResult, error) {
	r := ParseResult{Message: id}
	var result, at string
	err := q.QueryRowContext(ctx, `SELECT kind, case_ref, result, parsed_at FROM parse_results WHERE message = ?`, id).
		Scan(&r.Kind, &r.CaseRef, &result, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: parse result of message %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("store: reading parse result of message %d: %w", id, err)
	}
	r.Result, r.ParsedAt = []byte(result), parseTime(at)
	return r, nil
}

// ParseResultsSince returns the parse results saved at or after since,
// oldest first (the digest's "what came in").
func ParseResultsSince(ctx context.Context, q querier, since time.Time) ([]ParseResult, error) {
	rows, err := q.QueryContext(ctx, `SELECT message, kind, case_ref, result, parsed_at FROM parse_results
		WHERE parsed_at >= ? ORDER BY parsed_at, message`, outboxTime(since))
	if err != nil {
		return nil, fmt.Errorf("store: listing parse results: %w", err)
	}
	defer rows.Close()
	var out []ParseResult
	for rows.Next() {
		var r ParseResult
		var result, at string
		if err := rows.Scan(&r.Message, &r.Kind, &r.CaseRef, &result, &at); err != nil {
			return nil, fmt.Errorf("store: reading parse result: %w", err)
		}
		r.Result, r.ParsedAt = []byte(result), parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}
