package loopmail

import (
	"bytes"
	"errors"

	"github.com/emersion/go-sasl"
)

// errBadCredentials is what a wrong user name or secret gets.
var errBadCredentials = errors.New("loopmail: invalid credentials")

// AuthMechanisms lists what the server offers: nothing unless User or
// Login is set.
func (x *session) AuthMechanisms() []string {
	if x.s.opts.User == "" && x.s.opts.Login == nil {
		return nil
	}
	return []string{sasl.Plain, sasl.Login, "XOAUTH2"}
}

// Auth checks a login against User and Secret, or asks Login.
func (x *session) Auth(mech string) (sasl.Server, error) {
	check := func(user, secret string) error {
		o := x.s.opts
		switch {
		case o.User != "":
			if user != o.User || secret != o.Secret {
				return errBadCredentials
			}
		case o.Login != nil:
			if err := o.Login(user, secret); err != nil {
				return err
			}
		}
		x.mech = mech
		return nil
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
	case sasl.Login:
		return &loginServer{check: check}, nil
	case "XOAUTH2":
		return &xoauth2Server{check: check}, nil
	}
	return nil, errors.New("loopmail: unsupported mechanism")
}

// loginServer is the server side of AUTH LOGIN: it asks for the user
// name, then the password.
type loginServer struct {
	check func(user, pass string) error
	step  int
	user  string
}

func (s *loginServer) Next(resp []byte) ([]byte, bool, error) {
	switch s.step {
	case 0:
		s.step++
		if resp != nil { // initial response carries the user name
			s.user = string(resp)
			s.step++
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 1:
		s.step++
		s.user = string(resp)
		return []byte("Password:"), false, nil
	default:
		return nil, true, s.check(s.user, string(resp))
	}
}

// xoauth2Server is the server side of AUTH XOAUTH2:
// "user=U\x01auth=Bearer T\x01\x01".
type xoauth2Server struct {
	check func(user, token string) error
}

func (s *xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	if resp == nil {
		return nil, false, nil
	}
	var user, token string
	for _, part := range bytes.Split(resp, []byte{1}) {
		if u, ok := bytes.CutPrefix(part, []byte("user=")); ok {
			user = string(u)
		}
		if a, ok := bytes.CutPrefix(part, []byte("auth=Bearer ")); ok {
			token = string(a)
		}
	}
	return nil, true, s.check(user, token)
}
