package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/kscmp/intake"
)

// listed is a message seen in the listing: its UID, size and arrival.
type listed struct {
	uid  uint32
	size int64
	date time.Time
}

// selectFolder SELECTs folder (read-write: actions need it).
func (s *session) selectFolder(folder string) (*imap.SelectData, error) {
	var data *imap.SelectData
	err := s.guard("selecting "+folder, func(func()) error {
		var err error
		data, err = s.c.Select(folder, nil).Wait()
		return err
	})
	if err != nil {
		s.selected = ""
		return nil, problem(err, s.cfg, "select "+folder)
	}
	s.selected = folder
	return data, nil
}

// syncFolder stores every message of folder above the checkpoint and acts
// on it. When ctx ends it finishes the batch in hand and returns nil.
func (in *Ingester) syncFolder(ctx context.Context, s *session, folder string) error {
	sel, err := s.selectFolder(folder)
	if err != nil {
		return err
	}
	bg := context.WithoutCancel(ctx) // the store must finish what the server gave us
	var cp intake.Checkpoint
	var known bool
	var pending []intake.PendingAction
	err = in.store.View(bg, func(tx intake.Tx) error {
		var err error
		if cp, known, err = tx.Checkpoint(folder); err != nil {
			return err
		}
		pending, err = tx.PendingActions(folder, sel.UIDValidity)
		return err
	})
	if err != nil {
		return err
	}
	last := cp.LastUID
	// Actions are promised in the transaction that moves the checkpoint,
	// under the same UIDVALIDITY: only a changed UIDVALIDITY leaves
	// actions of another behind.
	stale := known && cp.UIDValidity != sel.UIDValidity
	if stale {
		// The UIDs no longer mean the same messages: read the whole
		// folder again; content hashes skip what is already stored.
		in.logger.Warn("UIDVALIDITY changed; rescanning folder", "folder", folder,
			"old_uidvalidity", cp.UIDValidity, "uidvalidity", sel.UIDValidity)
		last = 0
		known = false
	}
	// Finish the server actions a previous pass promised but did not do.
	if err := in.doPending(bg, s, folder, sel.UIDValidity, pending, stale); err != nil {
		return err
	}
	if known && (sel.NumMessages == 0 || (sel.UIDNext != 0 && uint32(sel.UIDNext) <= last+1)) {
		return nil // nothing new
	}
	var msgs []listed
	if sel.NumMessages > 0 {
		if msgs, err = s.list(last); err != nil {
			return err
		}
	}
	if len(msgs) == 0 {
		if !known {
			return in.saveCheckpoint(bg, folder, sel.UIDValidity, last)
		}
		return nil
	}
	return in.syncBatches(ctx, bg, s, folder, sel.UIDValidity, msgs)
}

// syncBatches stores msgs batch by batch. The download of the next batch
// overlaps the commit of the current one (the network and the disk are
// both busy); the server actions of a batch follow its commit once the
// next download is done, since they share the connection. When ctx ends,
// no new download starts and the batch in hand is committed and acted on.
func (in *Ingester) syncBatches(ctx, bg context.Context, s *session, folder string, uidvalidity uint32, msgs []listed) error {
	// Two slabs of memory take turns: one is filled by a download while
	// the other's batch commits; a slab is reused only after its batch
	// has committed.
	var slabs [2]*slab
	turn := 0
	var total int64
	for _, m := range msgs {
		if m.size <= in.cfg.MaxMessageSize {
			total += m.size
		}
	}
	slabSize := min(max(total, 64<<10), in.cfg.BatchBytes)
	next := func() <-chan downloaded {
		if len(msgs) == 0 || ctx.Err() != nil {
			return nil
		}
		n := in.batchLen(msgs)
		batch := msgs[:n]
		msgs = msgs[n:]
		if slabs[turn] == nil {
			slabs[turn] = newSlab(slabSize)
		}
		sl := slabs[turn]
		turn = 1 - turn
		ch := make(chan downloaded, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					s.c.Close()
					ch <- downloaded{err: fmt.Errorf("ingest: downloading a batch of %s: panic: %v", folder, r)}
				}
			}()
			ch <- in.fetchBatch(s, batch, sl)
		}()
		return ch
	}
	pending := next()
	if pending == nil {
		return nil
	}
	cur := <-pending
	for {
		if cur.err != nil {
			return cur.err
		}
		pending = next()
		in.hook("fetched")
		actions, err := in.commitBatch(bg, s, folder, uidvalidity, cur)
		var following downloaded
		if pending != nil {
			following = <-pending // the connection must be free again
		}
		if err != nil {
			return err
		}
		if err := in.doActions(bg, s, folder, uidvalidity, actions); err != nil {
			return err
		}
		if pending == nil {
			return nil
		}
		cur = following
	}
}

// batchLen returns how many of msgs make the next batch: at most
// BatchSize messages and BatchBytes bytes (always at least one).
func (in *Ingester) batchLen(msgs []listed) int {
	var bytes int64
	for i, m := range msgs {
		size := m.size
		if size > in.cfg.MaxMessageSize {
			size = 0 // only its header is fetched
		}
		if i > 0 && (i >= in.cfg.BatchSize || bytes+size > in.cfg.BatchBytes) {
			return i
		}
		bytes += size
	}
	return len(msgs)
}

// list returns the UIDs above last with their sizes, in UID order.
func (s *session) list(last uint32) ([]listed, error) {
	var out []listed
	err := s.guard("listing new messages", func(kick func()) error {
		var set imap.UIDSet
		set.AddRange(imap.UID(last+1), 0) // last+1:*
		cmd := s.c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true, InternalDate: true})
		for {
			msg := cmd.Next()
			if msg == nil {
				break
			}
			kick()
			buf, err := msg.Collect()
			if err != nil {
				cmd.Close()
				return err
			}
			// "UID n:*" always returns the highest UID, even below n.
			if uint32(buf.UID) <= last {
				continue
			}
			out = append(out, listed{uid: uint32(buf.UID), size: buf.RFC822Size, date: buf.InternalDate})
		}
		return cmd.Close()
	})
	if err != nil {
		return nil, err
	}
	sortListed(out)
	return out, nil
}

// saveCheckpoint records a checkpoint on its own (an empty folder, or one
// seen for the first time).
func (in *Ingester) saveCheckpoint(ctx context.Context, folder string, uidvalidity, last uint32) error {
	return in.store.Update(ctx, func(tx intake.Tx) error {
		return tx.SetCheckpoint(intake.Checkpoint{Mailbox: folder, UIDValidity: uidvalidity, LastUID: last, UpdatedAt: tx.Now()})
	})
}
