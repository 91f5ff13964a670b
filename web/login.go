package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/kscmp/intake"
)

type loginData struct {
	page
	OIDC       bool
	OIDCButton string
	Local      bool
	Email      string
	Next       string
	Expired    bool
	SignedOut  bool
	LockFor    string
	MaxTries   int
}

func (s *Server) loginData(r *http.Request) *loginData {
	d := &loginData{page: page{Title: "Sign in"}, Local: s.cfg.LocalAccounts, OIDC: s.oidc != nil,
		Next: safeNext(r.FormValue("next")), MaxTries: s.cfg.Lockout.MaxFailures,
		LockFor: durationWords(s.cfg.Lockout.LockFor)}
	if s.oidc != nil {
		d.OIDCButton = s.oidc.cfg.ButtonText
	}
	return d
}

// loginPage offers the ways to sign in.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	d := s.loginData(r)
	d.Expired = r.URL.Query().Get("expired") == "1"
	d.SignedOut = r.URL.Query().Get("signed_out") == "1"
	s.render(w, r, http.StatusOK, "login", d)
}

// loginFailedMessage is the one answer to every failed sign-in (a wrong
// password, an unknown name, a locked account), so that the page tells an
// attacker neither which names exist nor whether a guess was right while
// the account is locked.
func loginFailedMessage(d *loginData) string {
	return "The email address or password is not right. After " + plural(d.MaxTries, "wrong attempt", "wrong attempts") +
		" in a row an account is locked for " + d.LockFor + ", even with the right password."
}

// loginPassword signs in with a local account. Every outcome is audited:
// a sign-in, a failure (with the name given), a lockout, and an attempt
// on a locked account.
func (s *Server) loginPassword(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.LocalAccounts {
		s.notFound(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "The form could not be read", "Go back and try again.")
		return
	}
	d := s.loginData(r)
	d.Email = strings.TrimSpace(r.PostForm.Get("email"))
	pw := r.PostForm.Get("password")
	if d.Email == "" {
		d.Errors = append(d.Errors, formError{"email", "Enter your email address"})
	}
	if pw == "" {
		d.Errors = append(d.Errors, formError{"password", "Enter your password"})
	}
	if len(d.Errors) > 0 {
		d.Title = "Error: " + d.Title
		s.render(w, r, http.StatusUnprocessableEntity, "login", d)
		return
	}
	ctx := r.Context()
	select {
	case s.passwordSlots <- struct{}{}:
		defer func() { <-s.passwordSlots }()
	case <-ctx.Done():
		return
	}
	email := intake.NormalizeEmail(d.Email)
	who := auditName(email)
	fail := func(action, detail string) {
		s.auditOrLog(ctx, intake.AuditEntry{Actor: who, Action: action, Detail: detail})
		d.Title = "Error: " + d.Title
		d.Errors = []formError{{"email", loginFailedMessage(d)}}
		s.render(w, r, http.StatusUnauthorized, "login", d)
	}
	var acct intake.Account
	err := s.store.View(ctx, func(tx intake.Tx) (err error) {
		acct, err = tx.Account(email)
		return err
	})
	if intake.ErrorCode(err) == intake.ENOTFOUND {
		VerifyPassword(pw, s.decoyHash) // take as long as for a real account
		fail("web.login_failed", "no such account")
		return
	}
	if err != nil {
		s.serverError(w, r, "checking your account", err)
		return
	}
	if acct.Locked(s.now()) {
		fail("web.login_refused", "account locked until "+acct.LockedUntil.UTC().Format("2006-01-02T15:04:05Z"))
		return
	}
	// The hash is compared outside any transaction (it takes a while);
	// the account is read again in the one that records the outcome, so
	// that guesses made at the same moment all count.
	ok, err := VerifyPassword(pw, acct.PasswordHash)
	if err != nil && acct.PasswordHash != "" {
		s.log.Error("web: a stored password hash cannot be read", "err", err)
	}
	if !ok {
		err := s.store.Update(ctx, func(tx intake.Tx) error {
			a, err := tx.Account(email)
			if err != nil {
				return err
			}
			a, lockedNow := s.cfg.Lockout.Fail(a, tx.Now())
			if err := tx.PutAccount(a); err != nil {
				return err
			}
			if err := tx.Audit(intake.AuditEntry{Actor: who, Action: "web.login_failed", Detail: "wrong password"}); err != nil {
				return err
			}
			if lockedNow {
				return tx.Audit(intake.AuditEntry{Actor: who, Action: "web.locked",
					Detail: "locked for " + s.cfg.Lockout.LockFor.String() + " after " + plural(s.cfg.Lockout.MaxFailures, "failure", "failures")})
			}
			return nil
		})
		if err != nil {
			s.serverError(w, r, "recording a failed sign-in", err)
			return
		}
		d.Title = "Error: " + d.Title
		d.Errors = []formError{{"email", loginFailedMessage(d)}}
		s.render(w, r, http.StatusUnauthorized, "login", d)
		return
	}
	errLocked := intake.Errorf(intake.EFORBIDDEN, "locked")
	p := Person{Email: acct.Email, Name: acct.Name, Role: acct.Role}
	err = s.startSession(ctx, w, p, "password", func(tx intake.Tx) error {
		a, err := tx.Account(email)
		if err != nil {
			return err
		}
		if a.Locked(tx.Now()) { // locked by a guess made while this one was checked
			return errLocked
		}
		if a.FailedLogins == 0 {
			return nil
		}
		a.FailedLogins, a.UpdatedAt = 0, tx.Now()
		return tx.PutAccount(a)
	})
	if errors.Is(err, errLocked) {
		fail("web.login_refused", "account locked")
		return
	}
	if err != nil {
		s.serverError(w, r, "signing you in", err)
		return
	}
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

// logout ends the session, whatever state it is in, and says so.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(s.cookieName()); err == nil {
		key := sessionKey(c.Value)
		err := s.store.Update(r.Context(), func(tx intake.Tx) error {
			ss, err := tx.Session(key)
			if intake.ErrorCode(err) == intake.ENOTFOUND {
				return nil
			}
			if err != nil {
				return err
			}
			if err := tx.DeleteSession(key); err != nil {
				return err
			}
			p := Person{Email: ss.Email, Name: ss.Name}
			return tx.Audit(intake.AuditEntry{Actor: p.String(), Action: "web.logout"})
		})
		if err != nil {
			s.serverError(w, r, "signing you out", err)
			return
		}
	}
	s.clearCookie(w)
	http.Redirect(w, r, "/login?signed_out=1", http.StatusSeeOther)
}

// safeNext returns where to go after signing in: a path on this site, or
// the Today page. Anything that could lead to another site is dropped.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}

// auditName bounds a sign-in name someone typed before it goes in the
// audit trail.
func auditName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if len(s) > 254 {
		s = s[:254]
	}
	return s
}
