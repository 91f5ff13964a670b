package ingest

import (
	"context"
	"errors"
	"sort"

	"github.com/emersion/go-imap/v2"
)

// Folder is what CheckFolders found of one folder intake uses.
type Folder struct {
	Name     string
	Role     string // "read" (a configured folder), "processed" or "quarantine"
	Exists   bool
	Messages uint32 // when it exists
}

// CheckFolders connects (if needed) and asks the server about every
// folder the configuration names: the folders read, and with action
// "move" the processed and quarantine folders. It changes nothing. A
// folder the server says does not exist is reported, not an error; all
// lists every folder of the mailbox, for the operator to pick from.
func (in *Ingester) CheckFolders(ctx context.Context) (folders []Folder, all []string, err error) {
	s, err := in.session(ctx)
	if err != nil {
		return nil, nil, err
	}
	want := []Folder{}
	for _, f := range in.cfg.Folders {
		want = append(want, Folder{Name: f, Role: "read"})
	}
	if in.cfg.Action == ActionMove {
		want = append(want, Folder{Name: in.cfg.ProcessedFolder, Role: "processed"}, Folder{Name: in.cfg.QuarantineFolder, Role: "quarantine"})
	}
	for _, f := range want {
		var data *imap.StatusData
		err := s.guard("asking about "+f.Name, func(func()) error {
			var err error
			data, err = s.c.Status(f.Name, &imap.StatusOptions{NumMessages: true}).Wait()
			return err
		})
		var ierr *imap.Error
		switch {
		case err == nil:
			f.Exists = true
			if data.NumMessages != nil {
				f.Messages = *data.NumMessages
			}
		case errors.As(err, &ierr):
			// NO [NONEXISTENT] (or a server's plain NO): not there.
		default:
			return nil, nil, err
		}
		folders = append(folders, f)
	}
	err = s.guard("listing folders", func(func()) error {
		list, err := s.c.List("", "*", nil).Collect()
		for _, d := range list {
			all = append(all, d.Mailbox)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(all)
	return folders, all, nil
}
