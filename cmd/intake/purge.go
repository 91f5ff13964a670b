package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kscmp/intake/store"
)

// Retention policy (see `intake purge --help` and [store]
// retain_raw_messages in the example configuration): the raw bytes of a
// message (the whole message, or the header kept for a quarantined one)
// and its stored attachments are deleted once the message was stored
// longer ago than the retention period. Everything else is kept: the
// message's row (Message-ID, mailbox, UID, size, content hash, dates,
// state), the case it belongs to with its parsed form and timeline, the
// outbox and the audit trail. A message not yet processed (state
// "stored") is never purged, and each purged message gets an audit entry.

// purgeResult says what a purge did or, for a dry run, would do.
type purgeResult struct {
	Cutoff   time.Time
	Messages int   // messages whose raw bytes were deleted
	Bytes    int64 // their sizes, summed
}

// purgeRaw deletes the raw bytes of every processed message stored before
// now-olderThan, in one transaction with its audit entries. actor is who
// asked (recorded in the audit trail). With dryRun nothing changes.
func purgeRaw(ctx context.Context, st *store.Store, now time.Time, olderThan time.Duration, actor string, dryRun bool) (purgeResult, error) {
	res := purgeResult{Cutoff: now.Add(-olderThan)}
	attachCols, err := tableColumns(ctx, st.DB, "attachments")
	if err != nil {
		return res, fmt.Errorf("purge: %w", err)
	}
	err = st.Tx(ctx, func(tx *sql.Tx) error {
		type victim struct {
			id   int64
			size int64
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, size, stored_at FROM messages
			WHERE (raw IS NOT NULL OR header IS NOT NULL) AND state != ? ORDER BY id`, store.MessageStored)
		if err != nil {
			return fmt.Errorf("purge: listing messages: %w", err)
		}
		var victims []victim
		for rows.Next() {
			var v victim
			var stored string
			if err := rows.Scan(&v.id, &v.size, &stored); err != nil {
				rows.Close()
				return fmt.Errorf("purge: reading message row: %w", err)
			}
			at, err := time.Parse(time.RFC3339Nano, stored)
			if err != nil || !at.Before(res.Cutoff) {
				continue // an unreadable date is kept, not guessed at
			}
			victims = append(victims, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("purge: listing messages: %w", err)
		}
		for _, v := range victims {
			res.Messages++
			res.Bytes += v.size
			if dryRun {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET raw = NULL, header = NULL WHERE id = ?`, v.id); err != nil {
				return fmt.Errorf("purge: deleting raw bytes of message %d: %w", v.id, err)
			}
			if attachCols["message_id"] {
				if _, err := tx.ExecContext(ctx, `DELETE FROM attachments WHERE message_id = ?`, v.id); err != nil {
					return fmt.Errorf("purge: deleting attachments of message %d: %w", v.id, err)
				}
			}
			if err := store.Audit(ctx, tx, store.AuditEntry{At: now, Actor: actor, Action: "message.purged", MessageID: v.id,
				Detail: fmt.Sprintf("raw bytes deleted: stored before %s (retention %s)", res.Cutoff.UTC().Format(time.RFC3339), olderThan)}); err != nil {
				return err
			}
		}
		if dryRun {
			return nil
		}
		return store.Audit(ctx, tx, store.AuditEntry{At: now, Actor: actor, Action: "purge.run",
			Detail: fmt.Sprintf("%d message(s), %d bytes, stored before %s", res.Messages, res.Bytes, res.Cutoff.UTC().Format(time.RFC3339))})
	})
	return res, err
}
