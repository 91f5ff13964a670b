package web

import (
	"net/http"
	"strconv"
)

// Downloads: a form, a summary, a raw message or the rapid review pack is
// sent as a file to save (Content-Disposition: attachment,
// application/octet-stream, nosniff, a sandboxing CSP), never shown in
// the browser, where a crafted file could run as this site. The backend
// records each download in the audit trail with who took it before it
// returns a byte; if that cannot be recorded, nothing is sent.

// messageFile sends one file of a stored message.
func (s *Server) messageFile(w http.ResponseWriter, r *http.Request) {
	id, ok := messageID(r)
	n, err := strconv.Atoi(r.PathValue("n"))
	if !ok || err != nil || n < 1 {
		s.notFound(w, r)
		return
	}
	d, err := s.backend.MessageFile(r.Context(), personOf(r).String(), id, n-1)
	if err != nil {
		s.backendError(w, r, "opening the file", err)
		return
	}
	s.download(w, r, d)
}

// messageRaw sends a stored message as it arrived.
func (s *Server) messageRaw(w http.ResponseWriter, r *http.Request) {
	id, ok := messageID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	d, err := s.backend.MessageRaw(r.Context(), personOf(r).String(), id)
	if err != nil {
		s.backendError(w, r, "opening the message", err)
		return
	}
	s.download(w, r, d)
}

// casePack builds the rapid review pack and sends it. Building it is an
// information share, recorded by the backend with who took it.
func (s *Server) casePack(w http.ResponseWriter, r *http.Request) {
	d, err := s.backend.Pack(r.Context(), personOf(r).String(), r.PathValue("ref"))
	if err != nil {
		s.backendError(w, r, "building the rapid review pack", err)
		return
	}
	s.download(w, r, d)
}

func (s *Server) download(w http.ResponseWriter, r *http.Request, d Download) {
	if err := serveDownload(w, d); err != nil {
		s.log.Warn("web: sending a download", "path", r.URL.Path, "err", err)
	}
}

func messageID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}
