package store

import (
	"context"
	"fmt"
	"time"

	"github.com/kscmp/intake"
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

// PurgeResult says what a purge did or, for a dry run, would do.
type PurgeResult struct {
	Cutoff   time.Time
	Messages int   // messages whose raw bytes were deleted
	Bytes    int64 // their sizes, summed
	IDs      []int64
	// Oldest and Newest are when the first and the last of them were
	// stored (zero when there are none).
	Oldest, Newest time.Time
}

// PurgeRaw deletes the raw bytes of every message, other than those
// still waiting to be filed, stored before cutoff, in one transaction
// with an audit entry for each and one for the run. actor is who asked.
// With dryRun nothing changes and nothing is audited.
func (s *Store) PurgeRaw(ctx context.Context, cutoff time.Time, actor string, dryRun bool) (PurgeResult, error) {
	res := PurgeResult{Cutoff: cutoff}
	err := s.Update(ctx, func(it intake.Tx) error {
		t := it.(*tx)
		type victim struct {
			id   int64
			size int64
			at   time.Time
		}
		rows, err := t.tx.QueryContext(ctx, `SELECT id, size, stored_at FROM messages
			WHERE (raw IS NOT NULL OR header IS NOT NULL) AND state != ? ORDER BY id`, intake.MessageStored)
		if err != nil {
			return fmt.Errorf("store: purging: listing messages: %w", err)
		}
		var victims []victim
		for rows.Next() {
			var v victim
			var stored string
			if err := rows.Scan(&v.id, &v.size, &stored); err != nil {
				rows.Close()
				return fmt.Errorf("store: purging: reading message row: %w", err)
			}
			at, err := time.Parse(time.RFC3339Nano, stored)
			if err != nil || !at.Before(cutoff) {
				continue // an unreadable date is kept, not guessed at
			}
			v.at = at
			victims = append(victims, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: purging: listing messages: %w", err)
		}
		before := cutoff.UTC().Format(time.RFC3339)
		for _, v := range victims {
			res.Messages++
			res.Bytes += v.size
			res.IDs = append(res.IDs, v.id)
			if res.Oldest.IsZero() || v.at.Before(res.Oldest) {
				res.Oldest = v.at
			}
			if v.at.After(res.Newest) {
				res.Newest = v.at
			}
			if dryRun {
				continue
			}
			if _, err := t.tx.ExecContext(ctx, `UPDATE messages SET raw = NULL, header = NULL WHERE id = ?`, v.id); err != nil {
				return fmt.Errorf("store: purging: deleting raw bytes of message %d: %w", v.id, err)
			}
			if err := t.Audit(intake.AuditEntry{Actor: actor, Action: "message.purged", MessageID: v.id,
				Detail: "raw bytes deleted: stored before " + before}); err != nil {
				return err
			}
		}
		if dryRun {
			return nil
		}
		return t.Audit(intake.AuditEntry{Actor: actor, Action: "purge.run",
			Detail: fmt.Sprintf("%d message(s), %d bytes, stored before %s", res.Messages, res.Bytes, before)})
	})
	return res, err
}
