package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Message states. Ingest stores a message as MessageStored (or
// MessageQuarantined when it cannot keep it whole); processing moves it on
// to processed, unreadable or ignored.
const (
	MessageStored      = "stored"      // new, waiting to be processed
	MessageQuarantined = "quarantined" // kept with headers only, or cannot be stored whole
	MessageProcessed   = "processed"
	MessageUnreadable  = "unreadable"
	MessageIgnored     = "ignored"
)

// Message is a stored message without its bytes.
type Message struct {
	ID          int64     `json:"id"`
	Mailbox     string    `json:"mailbox"`
	UIDValidity uint32    `json:"uidvalidity"`
	UID         uint32    `json:"uid"`
	MessageID   string    `json:"message_id"`
	SHA256      string    `json:"sha256"`
	Size        int64     `json:"size"`
	ReceivedAt  time.Time `json:"received_at"`
	StoredAt    time.Time `json:"stored_at"`
	State       string    `json:"state"`
	StateDetail string    `json:"state_detail,omitempty"`
}

// NewMessage is a message ingest is about to store. Raw is the whole
// message; for a quarantined oversize message Raw is nil and Header holds
// the header bytes.
type NewMessage struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	MessageID   string
	SHA256      string
	Size        int64
	Raw         []byte
	Header      []byte
	ReceivedAt  time.Time
	State       string
	StateDetail string
}

// querier is what both *sql.DB and *sql.Tx offer for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// InsertMessage stores m inside the caller's transaction, stamped storedAt.
// A message already stored under the same mailbox, UIDVALIDITY and UID is
// left as it is: inserted is false and id is the existing row's.
func InsertMessage(ctx context.Context, tx *sql.Tx, m NewMessage, storedAt time.Time) (id int64, inserted bool, err error) {
	var raw, header any
	if m.Raw != nil {
		raw = m.Raw
	}
	if m.Header != nil {
		header = m.Header
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO messages
		(mailbox, uidvalidity, uid, message_id, sha256, size, raw, header, received_at, stored_at, state, state_detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING`,
		m.Mailbox, m.UIDValidity, m.UID, m.MessageID, m.SHA256, m.Size, raw, header,
		timeText(m.ReceivedAt), timeText(storedAt), m.State, m.StateDetail)
	if err != nil {
		return 0, false, fmt.Errorf("store: storing UID %d of %s: %w", m.UID, m.Mailbox, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		id, err = res.LastInsertId()
		return id, true, err
	}
	err = tx.QueryRowContext(ctx, `SELECT id FROM messages WHERE mailbox = ? AND uidvalidity = ? AND uid = ?`,
		m.Mailbox, m.UIDValidity, m.UID).Scan(&id)
	if err != nil {
		return 0, false, fmt.Errorf("store: finding UID %d of %s: %w", m.UID, m.Mailbox, err)
	}
	return id, false, nil
}

// MessageIDByHash returns the id of a message of mailbox with content
// hash sha (hex), or 0 if there is none. A rescan after a UIDVALIDITY
// change uses it to skip what it already has.
func MessageIDByHash(ctx context.Context, q querier, mailbox, sha string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM messages WHERE sha256 = ? AND mailbox = ? ORDER BY id LIMIT 1`, sha, mailbox).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: looking up content hash: %w", err)
	}
	return id, nil
}

// SetMessageState moves a message to state with a detail (a reason, never
// form text) inside the caller's transaction.
func SetMessageState(ctx context.Context, tx *sql.Tx, id int64, state, detail string) error {
	res, err := tx.ExecContext(ctx, `UPDATE messages SET state = ?, state_detail = ? WHERE id = ?`, state, detail, id)
	if err != nil {
		return fmt.Errorf("store: setting message %d to %s: %w", id, state, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: setting message %d to %s: %w", id, state, ErrNotFound)
	}
	return nil
}

const messageColumns = `id, mailbox, uidvalidity, uid, message_id, sha256, size, received_at, stored_at, state, state_detail`

func scanMessages(rows *sql.Rows) ([]Message, error) {
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var received, stored string
		if err := rows.Scan(&m.ID, &m.Mailbox, &m.UIDValidity, &m.UID, &m.MessageID, &m.SHA256, &m.Size,
			&received, &stored, &m.State, &m.StateDetail); err != nil {
			return nil, fmt.Errorf("store: reading message row: %w", err)
		}
		m.ReceivedAt, _ = time.Parse(time.RFC3339Nano, received)
		m.StoredAt, _ = time.Parse(time.RFC3339Nano, stored)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading messages: %w", err)
	}
	return out, nil
}

// MessagesInState returns up to limit messages in state, oldest first
// (limit <= 0 means all).
func (s *Store) MessagesInState(ctx context.Context, state string, limit int) ([]Message, error) {
	return s.Messages(ctx, MessageFilter{State: state, Limit: limit})
}

// MessageFilter selects messages for Messages; zero fields select all.
type MessageFilter struct {
	State   string
	Mailbox string
	AfterID int64 // only ids above this
	Limit   int   // at most this many (0: all)
}

// Messages returns the messages the filter selects, oldest first, without
// their bytes.
func (s *Store) Messages(ctx context.Context, f MessageFilter) ([]Message, error) {
	var where []string
	var args []any
	if f.State != "" {
		where, args = append(where, "state = ?"), append(args, f.State)
	}
	if f.Mailbox != "" {
		where, args = append(where, "mailbox = ?"), append(args, f.Mailbox)
	}
	if f.AfterID > 0 {
		where, args = append(where, "id > ?"), append(args, f.AfterID)
	}
	q := `SELECT ` + messageColumns + ` FROM messages`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY id`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := s.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: listing messages: %w", err)
	}
	return scanMessages(rows)
}

// Message returns one message without its bytes.
func (s *Store) Message(ctx context.Context, id int64) (Message, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+messageColumns+` FROM messages WHERE id = ?`, id)
	if err != nil {
		return Message{}, fmt.Errorf("store: reading message %d: %w", id, err)
	}
	list, err := scanMessages(rows)
	if err != nil {
		return Message{}, err
	}
	if len(list) == 0 {
		return Message{}, fmt.Errorf("store: reading message %d: %w", id, ErrNotFound)
	}
	return list[0], nil
}

// MessageRaw returns a message's bytes: the whole message, or only its
// header when it was quarantined for size.
func (s *Store) MessageRaw(ctx context.Context, id int64) ([]byte, error) {
	var raw, header []byte
	err := s.DB.QueryRowContext(ctx, `SELECT raw, header FROM messages WHERE id = ?`, id).Scan(&raw, &header)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("store: reading message %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: reading message %d: %w", id, err)
	}
	if raw != nil {
		return raw, nil
	}
	return header, nil
}
