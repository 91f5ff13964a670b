package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/kscmp/intake"
)

// Checkpoint returns the checkpoint of mailbox; ok is false when the
// mailbox was never read.
func (t *tx) Checkpoint(mailbox string) (cp intake.Checkpoint, ok bool, err error) {
	var updated string
	err = t.tx.QueryRowContext(t.ctx, `SELECT mailbox, uidvalidity, last_uid, updated_at FROM checkpoints WHERE mailbox = ?`, mailbox).
		Scan(&cp.Mailbox, &cp.UIDValidity, &cp.LastUID, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return intake.Checkpoint{Mailbox: mailbox}, false, nil
	}
	if err != nil {
		return cp, false, fmt.Errorf("store: reading checkpoint of %s: %w", mailbox, err)
	}
	cp.UpdatedAt = parseTime(updated)
	return cp, true, nil
}

// SetCheckpoint records cp, so that it commits together with the
// messages it covers. A zero cp.UpdatedAt is the transaction's time.
func (t *tx) SetCheckpoint(cp intake.Checkpoint) error {
	if cp.UpdatedAt.IsZero() {
		cp.UpdatedAt = t.now
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO checkpoints (mailbox, uidvalidity, last_uid, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
		cp.Mailbox, cp.UIDValidity, cp.LastUID, timeText(cp.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: setting checkpoint of %s: %w", cp.Mailbox, err)
	}
	return nil
}

// AddPendingAction promises a server action, in the transaction that
// stores the message.
func (t *tx) AddPendingAction(p intake.PendingAction) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO pending_actions (mailbox, uidvalidity, uid, action) VALUES (?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET action = excluded.action`, p.Mailbox, p.UIDValidity, p.UID, p.Action)
	if err != nil {
		return fmt.Errorf("store: recording action for UID %d: %w", p.UID, err)
	}
	return nil
}

// PendingActions returns the actions still to do in mailbox, in UID
// order. Actions under another UIDVALIDITY than uidvalidity are stale (the
// UIDs no longer mean the same messages) and are dropped, so in a View,
// where nothing can be dropped, they are only left out.
func (t *tx) PendingActions(mailbox string, uidvalidity uint32) ([]intake.PendingAction, error) {
	if !t.readOnly {
		if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM pending_actions WHERE mailbox = ? AND uidvalidity != ?`, mailbox, uidvalidity); err != nil {
			return nil, fmt.Errorf("store: dropping stale actions of %s: %w", mailbox, err)
		}
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT mailbox, uidvalidity, uid, action FROM pending_actions
		WHERE mailbox = ? AND uidvalidity = ? ORDER BY uid`, mailbox, uidvalidity)
	if err != nil {
		return nil, fmt.Errorf("store: listing pending actions of %s: %w", mailbox, err)
	}
	defer rows.Close()
	var out []intake.PendingAction
	for rows.Next() {
		var p intake.PendingAction
		if err := rows.Scan(&p.Mailbox, &p.UIDValidity, &p.UID, &p.Action); err != nil {
			return nil, fmt.Errorf("store: reading pending action: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: listing pending actions of %s: %w", mailbox, err)
	}
	return out, nil
}

// DonePendingActions forgets the actions of the given UIDs of mailbox
// once the server has done them.
func (t *tx) DonePendingActions(mailbox string, uidvalidity uint32, uids []uint32) error {
	if len(uids) == 0 {
		return nil
	}
	stmt, err := t.tx.PrepareContext(t.ctx, `DELETE FROM pending_actions WHERE mailbox = ? AND uidvalidity = ? AND uid = ?`)
	if err != nil {
		return fmt.Errorf("store: clearing actions of %s: %w", mailbox, err)
	}
	defer stmt.Close()
	for _, uid := range uids {
		if _, err := stmt.ExecContext(t.ctx, mailbox, uidvalidity, uid); err != nil {
			return fmt.Errorf("store: clearing action for UID %d: %w", uid, err)
		}
	}
	return nil
}
