package ingest

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/kscmp/intake"
)

// doPending does the server actions promised for folder and not yet
// confirmed (a crash or lost connection came between the commit and the
// server's answer): list, as a View read them under uidvalidity. When
// stale (the folder's UIDVALIDITY changed), there may be actions promised
// under another, and they are read again in an Update, which drops those.
func (in *Ingester) doPending(ctx context.Context, s *session, folder string, uidvalidity uint32, list []intake.PendingAction, stale bool) error {
	if stale {
		err := in.store.Update(ctx, func(tx intake.Tx) error {
			var err error
			list, err = tx.PendingActions(folder, uidvalidity)
			return err
		})
		if err != nil {
			return err
		}
	}
	if len(list) == 0 {
		return nil
	}
	in.logger.Info("finishing server actions left from an earlier pass", "folder", folder, "count", len(list))
	return in.doActions(ctx, s, folder, uidvalidity, list)
}

// doActions does the actions (all on folder, which is selected), grouped
// by kind, and forgets each group's promises once the server has
// confirmed it. Moving a UID that is no longer there does nothing, so a
// repeated action is harmless.
func (in *Ingester) doActions(ctx context.Context, s *session, folder string, uidvalidity uint32, actions []intake.PendingAction) error {
	groups := map[string][]uint32{}
	for _, a := range actions {
		groups[a.Action] = append(groups[a.Action], a.UID)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		uids := groups[k]
		var set imap.UIDSet
		for _, u := range uids {
			set.AddNum(imap.UID(u))
		}
		kind, arg, _ := strings.Cut(k, ":")
		var err error
		switch kind {
		case "move":
			err = s.move(set, arg)
		case "flag":
			err = s.guard("flagging messages", func(func()) error {
				return s.c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.Flag(arg)}}, nil).Close()
			})
		default:
			in.logger.Error("unknown server action dropped", "folder", folder, "action", k)
		}
		if err != nil {
			return err
		}
		err = in.store.Update(ctx, func(tx intake.Tx) error { return tx.DonePendingActions(folder, uidvalidity, uids) })
		if err != nil {
			return err
		}
		in.logger.Debug("server action done", "folder", folder, "action", kind, "count", len(uids))
	}
	return nil
}

// move moves set to folder, creating the folder if the server says it
// does not exist.
func (s *session) move(set imap.UIDSet, folder string) error {
	do := func() error {
		return s.guard("moving messages to "+folder, func(func()) error {
			_, err := s.c.Move(set, folder).Wait()
			return err
		})
	}
	err := do()
	var ierr *imap.Error
	if err == nil || s.created[folder] || !errors.As(err, &ierr) {
		return err
	}
	// The folder may not exist yet: create it (ignoring "already exists")
	// and try once more.
	s.created[folder] = true
	cerr := s.guard("creating "+folder, func(func()) error { return s.c.Create(folder, nil).Wait() })
	if cerr != nil && !errors.As(cerr, &ierr) {
		return cerr
	}
	return do()
}
