package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Checkpoint is how far ingest has read one mailbox: every UID up to
// LastUID under UIDValidity is stored.
type Checkpoint struct {
	Mailbox     string
	UIDValidity uint32
	LastUID     uint32
	UpdatedAt   time.Time
}

// GetCheckpoint returns the checkpoint of mailbox; ok is false when the
// mailbox was never read.
func GetCheckpoint(ctx context.Context, q querier, mailbox string) (cp Checkpoint, ok bool, err error) {
	var updated string
	err = q.QueryRowContext(ctx, `SELECT mailbox, uidvalidity, last_uid, updated_at FROM checkpoints WHERE mailbox = ?`, mailbox).
		Scan(&cp.Mailbox, &cp.UIDValidity, &cp.LastUID, &updated)
	if err == sql.ErrNoRows {
		return Checkpoint{Mailbox: mailbox}, false, nil
	}
	if err != nil {
		return cp, false, fmt.Errorf("store: reading checkpoint of %s: %w", mailbox, err)
	}
	cp.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	return cp, true, nil
}

// Checkpoint returns the checkpoint of mailbox (see GetCheckpoint).
func (s *Store) Checkpoint(ctx context.Context, mailbox string) (Checkpoint, bool, error) {
	return GetCheckpoint(ctx, s.DB, mailbox)
}

// SetCheckpoint records cp inside the caller's transaction, so that it
// commits together with the messages it covers.
func SetCheckpoint(ctx context.Context, tx *sql.Tx, cp Checkpoint) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (mailbox, uidvalidity, last_uid, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
		cp.Mailbox, cp.UIDValidity, cp.LastUID, timeText(cp.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: setting checkpoint of %s: %w", cp.Mailbox, err)
	}
	return nil
}

// PendingAction is a server action (move to a folder, set a keyword)
// promised for one UID and not yet confirmed done.
type PendingAction struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	Action      string // "move:FOLDER" or "flag:KEYWORD"
}

// AddPendingAction promises a server action inside the caller's
// transaction (the one that stores the message).
func AddPendingAction(ctx context.Context, tx *sql.Tx, p PendingAction) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pending_actions (mailbox, uidvalidity, uid, action) VALUES (?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET action = excluded.action`, p.Mailbox, p.UIDValidity, p.UID, p.Action)
	if err != nil {
		return fmt.Errorf("store: recording action for UID %d: %w", p.UID, err)
	}
	return nil
}

// PendingActions returns the actions still to do in mailbox, in UID
// order. Actions under another UIDVALIDITY than uidvalidity are stale (the
// UIDs no longer mean the same messages) and are dropped.
func (s *Store) PendingActions(ctx context.Context, mailbox string, uidvalidity uint32) ([]PendingAction, error) {
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM pending_actions WHERE mailbox = ? AND uidvalidity != ?`, mailbox, uidvalidity); err != nil {
		return nil, fmt.Errorf("store: dropping stale actions of %s: %w", mailbox, err)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT mailbox, uidvalidity, uid, action FROM pending_actions
		WHERE mailbox = ? AND uidvalidity = ? ORDER BY uid`, mailbox, uidvalidity)
	if err != nil {
		return nil, fmt.Errorf("store: listing pending actions of %s: %w", mailbox, err)
	}
	defer rows.Close()
	var out []PendingAction
	for rows.Next() {
		var p PendingAction
		if err := rows.Scan(&p.Mailbox, &p.UIDValidity, &p.UID, &p.Action); err != nil {
			return nil, fmt.Errorf("store: reading pending action: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// DonePendingActions forgets the actions of the given UIDs of mailbox
// once the server has done them.
func (s *Store) DonePendingActions(ctx context.Context, mailbox string, uidvalidity uint32, uids []uint32) error {
	if len(uids) == 0 {
		return nil
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `DELETE FROM pending_actions WHERE mailbox = ? AND uidvalidity = ? AND uid = ?`)
		if err != nil {
			return fmt.Errorf("store: clearing actions of %s: %w", mailbox, err)
		}
		defer stmt.Close()
		for _, uid := range uids {
			if _, err := stmt.ExecContext(ctx, mailbox, uidvalidity, uid); err != nil {
				return fmt.Errorf("store: clearing action for UID %d: %w", uid, err)
			}
		}
		return nil
	})
}
