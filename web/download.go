package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/kscmp/intake"
)

// Downloads: a referral form, an agency summary, a raw message or the
// rapid review pack is sent as a file to save (Content-Disposition:
// attachment, application/octet-stream, nosniff), never shown in the
// browser, where a crafted file could run as this site. Each download is
// written in the audit trail with who took it before a byte is sent; if
// that cannot be written, nothing is sent.

// caseFile sends one of a case's stored files.
func (s *Server) caseFile(w http.ResponseWriter, r *http.Request) {
	ref, file := r.PathValue("ref"), r.PathValue("file")
	d, err := s.backend.Attachment(r.Context(), ref, file)
	if err != nil {
		s.backendError(w, r, "opening the file", err)
		return
	}
	s.download(w, r, d, intake.AuditEntry{Action: "case.downloaded", CaseRef: ref, Detail: "file " + truncate(file, 64)})
}

// mailRaw sends a stored message as it arrived.
func (s *Server) mailRaw(w http.ResponseWriter, r *http.Request) {
	id, ok := messageID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	d, err := s.backend.RawMessage(r.Context(), id)
	if err != nil {
		s.backendError(w, r, "opening the message", err)
		return
	}
	s.download(w, r, d, intake.AuditEntry{Action: "message.downloaded", MessageID: id, Detail: "raw message"})
}

// mailFile sends one file of a queued message.
func (s *Server) mailFile(w http.ResponseWriter, r *http.Request) {
	id, ok := messageID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	file := r.PathValue("file")
	d, err := s.backend.MailAttachment(r.Context(), id, file)
	if err != nil {
		s.backendError(w, r, "opening the file", err)
		return
	}
	s.download(w, r, d, intake.AuditEntry{Action: "message.downloaded", MessageID: id, Detail: "file " + truncate(file, 64)})
}

// casePack builds the rapid review pack and sends it. Building it is an
// information share, recorded by the backend; taking it is a download,
// recorded here.
func (s *Server) casePack(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("ref")
	now := s.now()
	d, err := s.backend.BuildPack(r.Context(), Actor{Person: personOf(r), At: now}, ref)
	if err != nil {
		s.backendError(w, r, "building the rapid review pack", err)
		return
	}
	s.download(w, r, d, intake.AuditEntry{Action: "case.downloaded", CaseRef: ref, Detail: "rapid review pack"})
}

// record writes an audit line in its own transaction.
func (s *Server) record(ctx context.Context, e intake.AuditEntry) error {
	return s.store.Update(ctx, func(tx intake.Tx) error { return tx.Audit(e) })
}

func (s *Server) download(w http.ResponseWriter, r *http.Request, d Download, l intake.AuditEntry) {
	l.Actor = personOf(r).String()
	if err := s.record(r.Context(), l); err != nil {
		d.Body.Close()
		s.serverError(w, r, "recording the download", err)
		return
	}
	if err := serveDownload(w, d); err != nil {
		s.log.Warn("web: sending a download", "path", r.URL.Path, "err", err)
	}
}

func messageID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}
