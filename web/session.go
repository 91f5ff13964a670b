package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/kscmp/intake"
)

// Sessions: a browser holds a random 256-bit token in a cookie; the store
// holds the token's SHA-256 with who signed in, their role, when, and when
// they were last seen. A request with no session, an unknown one or an
// expired one (idle longer than IdleTimeout, or older than
// AbsoluteTimeout) is sent to sign in; an expired session is deleted and
// the expiry audited. Signing out deletes the session. The cookie is
// Secure (named __Host-intake, so no subdomain can set it), HttpOnly and
// SameSite=Lax, and carries no expiry: closing the browser forgets it.

// touchEvery is how stale last-seen may get before a request writes it
// again (so that reading a page is not always a write).
const touchEvery = time.Minute

func (s *Server) cookieName() string {
	if s.cfg.InsecureCookie {
		return "intake"
	}
	return "__Host-intake"
}

// newToken returns a random 256-bit token (base64url) and its store key.
func newToken() (token, key string) {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, sessionKey(token)
}

// sessionKey is the store's key for a cookie's token: its SHA-256 in hex.
func sessionKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

type personKey struct{}

// personOf returns who is signed in for a request that passed reader or
// actor.
func personOf(r *http.Request) Person {
	p, _ := r.Context().Value(personKey{}).(Person)
	return p
}

// startSession signs a person in, in one transaction: expired sessions
// of anyone are cleared, the new session row is written with its audit
// line, and then its cookie is set. also, if given, runs in the same
// transaction first (clearing a local account's failed sign-ins); its
// error refuses the sign-in.
func (s *Server) startSession(ctx context.Context, w http.ResponseWriter, p Person, via string, also func(tx intake.Tx) error) error {
	token, key := newToken()
	err := s.store.Update(ctx, func(tx intake.Tx) error {
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		now := tx.Now()
		if _, err := tx.DeleteExpiredSessions(now.Add(-s.cfg.IdleTimeout), now.Add(-s.cfg.AbsoluteTimeout)); err != nil {
			return err
		}
		if err := tx.CreateSession(intake.Session{Key: key, Email: p.Email, Name: p.Name, Role: p.Role,
			Via: via, CreatedAt: now, LastSeen: now}); err != nil {
			return err
		}
		return tx.Audit(intake.AuditEntry{Actor: p.String(), Action: "web.login", Detail: "via " + via + ", role " + string(p.Role)})
	})
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: token, Path: "/", Secure: !s.cfg.InsecureCookie,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return nil
}

// errExpired is why a session no longer signs anyone in.
var errExpired = errors.New("web: session expired")

// session returns the request's live session, touching it, or an error:
// http.ErrNoCookie, an ENOTFOUND intake.Error, errExpired, or a store
// failure. An expired session is deleted, and its expiry audited, in one
// transaction.
func (s *Server) session(r *http.Request) (intake.Session, error) {
	c, err := r.Cookie(s.cookieName())
	if err != nil {
		return intake.Session{}, err
	}
	key := sessionKey(c.Value)
	var ss intake.Session
	err = s.store.View(r.Context(), func(tx intake.Tx) (err error) {
		ss, err = tx.Session(key)
		return err
	})
	if err != nil {
		return ss, err
	}
	now := s.now()
	idle, old := now.Sub(ss.LastSeen) >= s.cfg.IdleTimeout, now.Sub(ss.CreatedAt) >= s.cfg.AbsoluteTimeout
	if idle || old {
		why := "idle"
		if old {
			why = "absolute"
		}
		p := Person{Email: ss.Email, Name: ss.Name}
		err := s.store.Update(r.Context(), func(tx intake.Tx) error {
			if err := tx.DeleteSession(key); err != nil {
				return err
			}
			return tx.Audit(intake.AuditEntry{Actor: p.String(), Action: "web.session_expired", Detail: why + " timeout"})
		})
		if err != nil {
			return ss, err
		}
		return ss, errExpired
	}
	if now.Sub(ss.LastSeen) >= touchEvery {
		if err := s.store.Update(r.Context(), func(tx intake.Tx) error { return tx.TouchSession(key, now) }); err != nil {
			return ss, err
		}
	}
	return ss, nil
}

// reader wraps a page anyone signed in may see.
func (s *Server) reader(h http.HandlerFunc) http.Handler { return s.signedIn(h, false) }

// actor wraps an action only the business team may take.
func (s *Server) actor(h http.HandlerFunc) http.Handler { return s.signedIn(h, true) }

func (s *Server) signedIn(h http.HandlerFunc, act bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ss, err := s.session(r)
		switch {
		case err == nil:
		case errors.Is(err, http.ErrNoCookie), errors.Is(err, intake.ErrNotFound), errors.Is(err, errExpired):
			s.clearCookie(w)
			q := url.Values{}
			if r.Method == http.MethodGet {
				q.Set("next", r.URL.RequestURI())
			}
			if errors.Is(err, errExpired) {
				q.Set("expired", "1")
			}
			target := "/login"
			if len(q) > 0 {
				target += "?" + q.Encode()
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		default:
			s.serverError(w, r, "reading the session", err)
			return
		}
		p := Person{Email: ss.Email, Name: ss.Name, Role: ss.Role}
		if act && !p.Role.CanAct() {
			s.log.Warn("web: an action refused to a viewer", "method", r.Method, "path", r.URL.Path)
			s.errorPage(w, r.WithContext(context.WithValue(r.Context(), personKey{}, p)), http.StatusForbidden,
				"You can read but not change", "Your role is "+p.Role.Words()+": you can see cases, mail and the outbox, but only the business team can act on them. Nothing was changed.")
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), personKey{}, p)))
	})
}

func (s *Server) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1, Secure: !s.cfg.InsecureCookie,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// auditOrLog writes an audit line about signing in or out in its own
// transaction; a failure is logged (the sign-in itself is refused
// elsewhere when its line fails).
func (s *Server) auditOrLog(ctx context.Context, e intake.AuditEntry) {
	if err := s.store.Update(ctx, func(tx intake.Tx) error { return tx.Audit(e) }); err != nil {
		s.log.Error("web: writing the audit trail", "action", e.Action, "err", err)
	}
}
