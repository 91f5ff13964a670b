package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/kscmp/intake"
)

// InsertMessage stores m, stamped with the transaction's time. A message
// already stored under the same mailbox, UIDVALIDITY and UID is left as it
// is: inserted is false and id is the existing row's.
func (t *tx) InsertMessage(m intake.NewMessage) (id int64, inserted bool, err error) {
	var raw, header any
	if m.Raw != nil {
		raw = m.Raw
	}
	if m.Header != nil {
		header = m.Header
	}
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO messages
		(mailbox, uidvalidity, uid, message_id, sha256, size, raw, header, received_at, stored_at, state, state_detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING`,
		m.Mailbox, m.UIDValidity, m.UID, m.MessageID, m.SHA256, m.Size, raw, header,
		timeText(m.ReceivedAt), timeText(t.now), m.State, m.StateDetail)
	if err != nil {
		return 0, false, fmt.Errorf("store: storing UID %d of %s: %w", m.UID, m.Mailbox, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		id, err = res.LastInsertId()
		return id, true, err
	}
	err = t.tx.QueryRowContext(t.ctx, `SELECT id FROM messages WHERE mailbox = ? AND uidvalidity = ? AND uid = ?`,
		m.Mailbox, m.UIDValidity, m.UID).Scan(&id)
	if err != nil {
		return 0, false, fmt.Errorf("store: finding UID %d of %s: %w", m.UID, m.Mailbox, err)
	}
	return id, false, nil
}

// MessageIDByHash returns the id of a message of mailbox with content
// hash sha (hex), or 0 if there is none. A rescan after a UIDVALIDITY
// change uses it to skip what it already has.
func (t *tx) MessageIDByHash(mailbox, sha string) (int64, error) {
	var id int64
	err := t.tx.QueryRowContext(t.ctx, `SELECT id FROM messages WHERE sha256 = ? AND mailbox = ? ORDER BY id LIMIT 1`, sha, mailbox).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: looking up content hash: %w", err)
	}
	return id, nil
}

// SetMessageState moves a message to state with a detail (a reason, never
// form text).
func (t *tx) SetMessageState(id int64, state, detail string) error {
	res, err := t.tx.ExecContext(t.ctx, `UPDATE messages SET state = ?, state_detail = ? WHERE id = ?`, state, detail, id)
	if err != nil {
		return fmt.Errorf("store: setting message %d to %s: %w", id, state, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: setting message %d to %s: %w", id, state, notFound("no message %d", id))
	}
	return nil
}

const messageColumns = `id, mailbox, uidvalidity, uid, message_id, sha256, size, received_at, stored_at, state, state_detail`

func scanMessages(rows *sql.Rows) ([]intake.Message, error) {
	defer rows.Close()
	var out []intake.Message
	for rows.Next() {
		var m intake.Message
		var received, stored string
		if err := rows.Scan(&m.ID, &m.Mailbox, &m.UIDValidity, &m.UID, &m.MessageID, &m.SHA256, &m.Size,
			&received, &stored, &m.State, &m.StateDetail); err != nil {
			return nil, fmt.Errorf("store: reading message row: %w", err)
		}
		m.ReceivedAt, m.StoredAt = parseTime(received), parseTime(stored)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading messages: %w", err)
	}
	return out, nil
}

// Messages returns the messages f selects, oldest first, without their
// bytes.
func (t *tx) Messages(f intake.MessageFilter) ([]intake.Message, error) {
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
	rows, err := t.tx.QueryContext(t.ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: listing messages: %w", err)
	}
	return scanMessages(rows)
}

// Message returns one message without its bytes.
func (t *tx) Message(id int64) (intake.Message, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT `+messageColumns+` FROM messages WHERE id = ?`, id)
	if err != nil {
		return intake.Message{}, fmt.Errorf("store: reading message %d: %w", id, err)
	}
	list, err := scanMessages(rows)
	if err != nil {
		return intake.Message{}, err
	}
	if len(list) == 0 {
		return intake.Message{}, fmt.Errorf("store: reading message %d: %w", id, notFound("no message %d", id))
	}
	return list[0], nil
}

// MessageRaw returns a message's bytes: the whole message, or only its
// header when it was quarantined for size; nil once purged.
func (t *tx) MessageRaw(id int64) ([]byte, error) {
	var raw, header []byte
	err := t.tx.QueryRowContext(t.ctx, `SELECT raw, header FROM messages WHERE id = ?`, id).Scan(&raw, &header)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: reading message %d: %w", id, notFound("no message %d", id))
	}
	if err != nil {
		return nil, fmt.Errorf("store: reading message %d: %w", id, err)
	}
	if raw != nil {
		return raw, nil
	}
	return header, nil
}
