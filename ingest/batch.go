package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/textproto"
	"github.com/kscmp/intake"
)

// maxHeaderBytes caps the header kept for an oversize message.
const maxHeaderBytes = 1 << 20

// fetched is a listed message with what was downloaded of it.
type fetched struct {
	listed
	raw      []byte // the whole message; nil when oversize
	header   []byte // the header only, for an oversize message
	oversize bool
	refused  string // why the server would not return it, if it would not
}

func sortListed(l []listed) { sort.Slice(l, func(i, j int) bool { return l[i].uid < l[j].uid }) }

// downloaded is a batch with what was fetched of each message.
type downloaded struct {
	batch []listed
	byUID map[uint32]*fetched
	err   error
}

// fetchBatch downloads one batch: whole messages, and only the header of
// those over the size limit.
func (in *Ingester) fetchBatch(s *session, batch []listed, sl *slab) downloaded {
	d := downloaded{batch: batch, byUID: make(map[uint32]*fetched, len(batch))}
	var whole, headers []uint32
	for _, m := range batch {
		f := &fetched{listed: m, oversize: m.size > in.cfg.MaxMessageSize}
		d.byUID[m.uid] = f
		if f.oversize {
			headers = append(headers, m.uid)
		} else {
			whole = append(whole, m.uid)
		}
	}
	in.hook("fetching")
	sl.reset()
	if d.err = s.download(whole, false, in.cfg.MaxMessageSize, d.byUID, sl); d.err == nil {
		d.err = s.download(headers, true, in.cfg.MaxMessageSize, d.byUID, sl)
	}
	return d
}

// commitBatch stores a downloaded batch with the checkpoint and the
// promised server actions in one transaction, and returns the actions.
func (in *Ingester) commitBatch(ctx context.Context, s *session, folder string, uidvalidity uint32, d downloaded) ([]intake.PendingAction, error) {
	batch, byUID := d.batch, d.byUID
	var actions []intake.PendingAction
	var stored, quarantined int
	var bytes int64
	err := in.store.Update(ctx, func(tx intake.Tx) error {
		actions = actions[:0]
		stored, quarantined, bytes = 0, 0, 0
		for _, m := range batch {
			f := byUID[m.uid]
			if f.raw == nil && f.header == nil && f.refused == "" {
				in.logger.Warn("message gone before it could be fetched", "folder", folder, "uid", m.uid)
				continue
			}
			a, state, err := in.storeOne(tx, s, folder, uidvalidity, f)
			if err != nil {
				return err
			}
			switch state {
			case intake.MessageStored:
				stored++
				bytes += f.size
			case intake.MessageQuarantined:
				quarantined++
			}
			if a != "" {
				p := intake.PendingAction{Mailbox: folder, UIDValidity: uidvalidity, UID: m.uid, Action: a}
				if err := tx.AddPendingAction(p); err != nil {
					return err
				}
				actions = append(actions, p)
			}
		}
		return tx.SetCheckpoint(intake.Checkpoint{Mailbox: folder, UIDValidity: uidvalidity,
			LastUID: batch[len(batch)-1].uid, UpdatedAt: tx.Now()})
	})
	if err != nil {
		return nil, err
	}
	if stored+quarantined > 0 {
		in.logger.Info("messages stored", "folder", folder, "stored", stored, "quarantined", quarantined, "bytes", bytes,
			"uids", fmt.Sprintf("%d-%d", batch[0].uid, batch[len(batch)-1].uid))
		if in.cfg.Stored != nil {
			in.cfg.Stored()
		}
	}
	return actions, nil
}

// storeOne stores one message inside tx (unless its bytes are already
// stored from this folder) and returns the server action to promise, and
// the state it was stored in ("" when it was not stored again).
func (in *Ingester) storeOne(tx intake.Tx, s *session, folder string, uidvalidity uint32, f *fetched) (action, state string, err error) {
	content := f.raw
	if f.oversize {
		content = f.header
	}
	if f.refused != "" {
		// Nothing to hash: a name unique to this UID keeps it apart.
		content = []byte(fmt.Sprintf("refused\x00%s\x00%d\x00%d", folder, uidvalidity, f.uid))
	}
	sum := sha256.Sum256(content)
	sha := hex.EncodeToString(sum[:])
	msgID := ""
	if f.refused == "" {
		msgID = messageID(content)
	}
	action = in.actionFor(s, f.oversize || f.refused != "")
	dup, err := tx.MessageIDByHash(folder, sha)
	if err != nil {
		return "", "", err
	}
	if dup != 0 {
		in.logger.Info("message already stored; not storing again", "folder", folder, "uid", f.uid, "id", dup, "message_id", msgID)
		return action, "", nil
	}
	nm := intake.NewMessage{Mailbox: folder, UIDValidity: uidvalidity, UID: f.uid, MessageID: msgID, SHA256: sha,
		Size: f.size, Raw: f.raw, ReceivedAt: f.date, State: intake.MessageStored}
	auditAction := "message.stored"
	if f.oversize {
		nm.Raw, nm.Header = nil, f.header
		nm.State = intake.MessageQuarantined
		nm.StateDetail = fmt.Sprintf("too large: %d bytes (limit %d); header kept", f.size, in.cfg.MaxMessageSize)
		auditAction = "message.quarantined"
	}
	if f.refused != "" {
		nm.Raw, nm.Header = nil, nil
		nm.State = intake.MessageQuarantined
		nm.StateDetail = "the server would not return it: " + f.refused
		auditAction = "message.quarantined"
	}
	id, inserted, err := tx.InsertMessage(nm)
	if err != nil {
		return "", "", err
	}
	if inserted {
		detail := fmt.Sprintf("mailbox=%s uidvalidity=%d uid=%d size=%d", folder, uidvalidity, f.uid, f.size)
		if err := tx.Audit(intake.AuditEntry{Actor: "intake", Action: auditAction, MessageID: id, Detail: detail}); err != nil {
			return "", "", err
		}
		if f.refused != "" {
			in.logger.Warn("server would not return a message; recorded as quarantined", "folder", folder, "uid", f.uid, "id", id, "size", f.size, "err", f.refused)
		} else if f.oversize {
			in.logger.Warn("message too large; quarantined with its header", "folder", folder, "uid", f.uid, "id", id, "size", f.size, "message_id", msgID)
		} else {
			in.logger.Debug("message stored", "folder", folder, "uid", f.uid, "id", id, "size", f.size, "message_id", msgID)
		}
	}
	if !inserted {
		return action, "", nil
	}
	return action, nm.State, nil
}

// actionFor returns the server action to promise for a message: a move
// where the server can move (MOVE, or COPY + UID EXPUNGE), else a keyword.
func (in *Ingester) actionFor(s *session, oversize bool) string {
	switch in.cfg.Action {
	case ActionMove:
		if !s.hasMove() {
			return "flag:" + in.cfg.FlagKeyword
		}
		if oversize {
			return "move:" + in.cfg.QuarantineFolder
		}
		return "move:" + in.cfg.ProcessedFolder
	case ActionFlag:
		return "flag:" + in.cfg.FlagKeyword
	}
	return ""
}

// messageID returns the Message-ID header of a message (trimmed, at most
// 998 bytes), or "" if it has none or its header cannot be read.
func messageID(raw []byte) string {
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil && h.Len() == 0 {
		return ""
	}
	id := strings.TrimSpace(h.Get("Message-Id"))
	if len(id) > 998 {
		id = id[:998]
	}
	return id
}

// download fetches uids like fetchBodies. If the server refuses the
// batch (a NO or BAD, the connection still up), it fetches them one at a
// time and marks each one the server refuses, so that one broken message
// cannot stop the mailbox from being read.
func (s *session) download(uids []uint32, headerOnly bool, max int64, byUID map[uint32]*fetched, sl *slab) error {
	err := s.fetchBodies(uids, headerOnly, max, byUID, sl)
	if !isRefusal(err) {
		return err
	}
	for _, u := range uids {
		f := byUID[u]
		if f.raw != nil || f.header != nil {
			continue
		}
		err := s.fetchBodies([]uint32{u}, headerOnly, max, byUID, sl)
		var ierr *imap.Error
		switch {
		case errors.As(err, &ierr):
			f.refused = strings.TrimSpace(string(ierr.Type) + " " + string(ierr.Code) + " " + ierr.Text)
		case err != nil:
			return err
		}
	}
	return nil
}

// isRefusal reports whether err is the server's answer (NO or BAD) rather
// than a failure of the connection.
func isRefusal(err error) bool {
	var ierr *imap.Error
	return err != nil && errors.As(err, &ierr) && !errors.Is(err, ErrTimeout)
}

// fetchBodies downloads BODY.PEEK[] (or BODY.PEEK[HEADER] when headerOnly)
// of uids into byUID. A literal bigger than max is not kept whole: only
// its header is, and the message is marked oversize.
func (s *session) fetchBodies(uids []uint32, headerOnly bool, max int64, byUID map[uint32]*fetched, sl *slab) error {
	if len(uids) == 0 {
		return nil
	}
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	section := &imap.FetchItemBodySection{Peek: true}
	if headerOnly {
		section.Specifier = imap.PartSpecifierHeader
	}
	what := "fetching messages"
	if headerOnly {
		what = "fetching headers of oversize messages"
	}
	return s.guard(what, func(kick func()) error {
		cmd := s.c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}})
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			kick()
			var uid uint32
			var body []byte
			var over bool
			for item := msg.Next(); item != nil; item = msg.Next() {
				switch it := item.(type) {
				case imapclient.FetchItemDataUID:
					uid = uint32(it.UID)
				case imapclient.FetchItemDataBodySection:
					if it.Literal == nil {
						continue
					}
					r := kickReader{it.Literal, kick}
					var err error
					if body, over, err = readLiteral(r, it.Literal.Size(), headerOnly, max, sl); err != nil {
						cmd.Close()
						return err
					}
				}
			}
			f := byUID[uid]
			if f == nil || body == nil {
				continue // not asked for (the n:* quirk, or unilateral)
			}
			switch {
			case headerOnly:
				f.header = body
			case over:
				f.oversize, f.header = true, body
			default:
				f.raw = body
			}
		}
		return cmd.Close()
	})
}

// readLiteral reads a literal of size bytes: whole, into a buffer of
// exactly its size taken from sl; or, for a header or a literal above max,
// at most maxHeaderBytes up to the end of the header, draining the rest.
func readLiteral(r io.Reader, size int64, headerOnly bool, max int64, sl *slab) (body []byte, over bool, err error) {
	if !headerOnly && size <= max {
		body = sl.take(size)
		if _, err := io.ReadFull(r, body); err != nil {
			return nil, false, fmt.Errorf("reading message: %w", err)
		}
		return body, false, nil
	}
	limit := min(size, maxHeaderBytes)
	buf := make([]byte, limit)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, false, fmt.Errorf("reading header: %w", err)
	}
	buf = buf[:n]
	if i := bytes.Index(buf, []byte("\r\n\r\n")); i >= 0 {
		buf = buf[:i+4]
	} else if i := bytes.Index(buf, []byte("\n\n")); i >= 0 {
		buf = buf[:i+2]
	}
	if _, err := io.Copy(io.Discard, r); err != nil {
		return nil, false, fmt.Errorf("skipping body: %w", err)
	}
	return buf, !headerOnly, nil
}

// slab is one batch's memory for message bodies, reused from batch to
// batch: the bodies of a batch are only needed until it has committed (the
// database copies what it stores), and reusing the memory spares the
// zeroing and page faults of a fresh allocation per message.
type slab struct {
	buf []byte
	off int
}

func newSlab(size int64) *slab { return &slab{buf: make([]byte, size)} }

// take returns n bytes of the slab, or freshly allocated ones when the
// slab is full (or nil).
func (s *slab) take(n int64) []byte {
	if s != nil && n <= int64(len(s.buf)-s.off) {
		b := s.buf[s.off : s.off+int(n) : s.off+int(n)]
		s.off += int(n)
		return b
	}
	return make([]byte, n)
}

func (s *slab) reset() {
	if s != nil {
		s.off = 0
	}
}

// kickReader resets the command timeout at every read, so that a large
// message that keeps arriving is not cut off.
type kickReader struct {
	r    io.Reader
	kick func()
}

func (k kickReader) Read(p []byte) (int, error) {
	k.kick()
	return k.r.Read(p)
}
