package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"
)

// contentSecurityPolicy lets a page load only this server's own styles,
// script and images, post forms only here, and be framed by nobody. No
// inline script or style is allowed.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// secure sets the headers every response carries. Pages hold special
// category data about children: nothing is cached, nothing is framed,
// nothing is sniffed into another type, and no address leaks in a
// Referer to another site.
func (s *Server) secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		hd.Set("Cache-Control", "no-store")
		if !s.cfg.InsecureCookie {
			hd.Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.ServeHTTP(w, r)
	})
}

// crossOriginRefused answers a state-changing request that another site's
// page made (http.CrossOriginProtection): nothing is done.
func (s *Server) crossOriginRefused(w http.ResponseWriter, r *http.Request) {
	s.log.Warn("web: cross-origin request refused", "method", r.Method, "path", r.URL.Path)
	s.errorPage(w, r, http.StatusForbidden, "This request came from another website",
		"Nothing was changed. If you were using intake, go back to the page, reload it and try again.")
}

// serveDownload sends a file as an attachment that the browser saves and
// never shows: a summary or a raw email may hold anything, including
// HTML and script, and must not run in this site's origin.
func serveDownload(w http.ResponseWriter, d Download) error {
	defer d.Body.Close()
	hd := w.Header()
	hd.Set("Content-Type", "application/octet-stream")
	hd.Set("Content-Disposition", contentDisposition(d.Name))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hd.Set("Cache-Control", "no-store")
	if d.Size >= 0 {
		hd.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	}
	w.WriteHeader(http.StatusOK)
	_, err := io.Copy(w, d.Body)
	return err
}

// contentDisposition names a download (RFC 6266): a plain ASCII fallback
// and the UTF-8 name (RFC 8187), with anything that could break the
// header or a path taken out.
func contentDisposition(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '/' || r == '\\' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(name), ".")
	if name == "" {
		name = "download"
	}
	var ascii strings.Builder
	for _, r := range name {
		switch {
		case r == '"' || r == '%' || r == ';':
			ascii.WriteByte('_')
		case r < 0x80:
			ascii.WriteRune(r)
		default:
			ascii.WriteByte('_')
		}
	}
	v := `attachment; filename="` + ascii.String() + `"`
	if ascii.String() != name {
		v += "; filename*=UTF-8''" + pathEscapeRFC8187(name)
	}
	return v
}

// pathEscapeRFC8187 percent-encodes every byte outside RFC 8187's
// attr-char.
func pathEscapeRFC8187(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
