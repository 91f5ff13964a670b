package ingest

import (
	"context"
	"errors"

	"github.com/emersion/go-imap/v2/imapclient"
)

// waitForMail returns when there may be new mail: at once if the server
// announced some during the pass, when it announces some during IDLE on
// the first folder, or after the poll interval (which also covers the
// other folders and servers without IDLE). It returns nil when ctx ends.
func (in *Ingester) waitForMail(ctx context.Context) error {
	s := in.sess
	if s == nil {
		return nil
	}
	if !in.cfg.IDLE || !s.canIdle() {
		select {
		case <-ctx.Done():
		case <-in.clock.After(in.cfg.PollInterval):
		}
		return nil
	}
	folder := in.cfg.Folders[0]
	if s.selected != folder {
		if _, err := s.selectFolder(folder); err != nil {
			return err
		}
	}
	select {
	case <-s.newMail:
		return nil
	default:
	}
	var idle *imapclient.IdleCommand
	err := s.guard("starting IDLE", func(func()) error {
		var err error
		idle, err = s.c.Idle()
		return err
	})
	if err != nil {
		return err
	}
	if !s.idling {
		// Once a connection: IDLE restarts every poll interval.
		s.idling = true
		in.logger.Info("waiting for new mail with IDLE", "folder", folder, "restart_every", in.cfg.PollInterval)
	}
	var lost error
	select {
	case <-ctx.Done():
	case <-s.newMail:
	case <-in.clock.After(in.cfg.PollInterval):
	case <-s.c.Closed():
		lost = errors.New("ingest: connection closed during IDLE")
	}
	err = s.guard("ending IDLE", func(func()) error {
		if err := idle.Close(); err != nil {
			return err
		}
		return idle.Wait()
	})
	if lost != nil {
		return lost
	}
	if ctx.Err() != nil {
		return nil
	}
	return err
}
