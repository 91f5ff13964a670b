package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/kscmp/intake"
)

// SaveParseResult stores (or replaces) what parse made of a message.
func (t *tx) SaveParseResult(r intake.ParseResult) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO parse_results (message, kind, case_ref, result, parsed_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (message) DO UPDATE SET kind = excluded.kind, case_ref = excluded.case_ref, result = excluded.result, parsed_at = excluded.parsed_at`,
		r.Message, r.Kind, r.CaseRef, string(r.Result), outboxTime(r.ParsedAt))
	if err != nil {
		return fmt.Errorf("store: saving parse result of message %d: %w", r.Message, err)
	}
	return nil
}

// ParseResult returns what parse made of message id.
func (t *tx) ParseResult(id int64) (intake.ParseResult, error) {
	r := intake.ParseResult{Message: id}
	var result, at string
	err := t.tx.QueryRowContext(t.ctx, `SELECT kind, case_ref, result, parsed_at FROM parse_results WHERE message = ?`, id).
		Scan(&r.Kind, &r.CaseRef, &result, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: reading parse result of message %d: %w", id, notFound("message %d has not been parsed", id))
	}
	if err != nil {
		return r, fmt.Errorf("store: reading parse result of message %d: %w", id, err)
	}
	r.Result, r.ParsedAt = []byte(result), parseTime(at)
	return r, nil
}
