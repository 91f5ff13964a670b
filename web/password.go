package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/kscmp/intake"
)

// PasswordParams are argon2id's settings (RFC 9106). A hash records the
// settings it was made with, so changing them affects new passwords only.
type PasswordParams struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultPasswordParams is RFC 9106's second recommended setting (64 MiB,
// three passes), with two lanes for a small server.
func DefaultPasswordParams() PasswordParams {
	return PasswordParams{Time: 3, Memory: 64 * 1024, Threads: 2}
}

// Validate checks the settings against the least OWASP recommends
// (19 MiB, two passes) and a sanity ceiling.
func (p PasswordParams) Validate() error {
	if p.Time < 1 || p.Threads < 1 || p.Memory < 8*uint32(p.Threads) {
		return fmt.Errorf("web: argon2id settings out of range: %+v", p)
	}
	if p.Memory > 1<<20 {
		return fmt.Errorf("web: argon2id memory %d KiB is over 1 GiB", p.Memory)
	}
	return nil
}

// The shortest and longest passwords accepted. NCSC advises length (three
// random words) over composition rules, so there are none.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

// CheckPassword says whether a new password may be used.
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLength {
		return intake.Errorf(intake.EINVALID, "A password needs at least %d characters (three random words make a good one).", MinPasswordLength)
	}
	if n > MaxPasswordLength {
		return intake.Errorf(intake.EINVALID, "A password may have at most %d characters.", MaxPasswordLength)
	}
	return nil
}

const saltLen, keyLen = 16, 32

// HashPassword hashes a password with argon2id and a random salt, in PHC
// string form: $argon2id$v=19$m=65536,t=3,p=2$SALT$HASH.
func HashPassword(pw string, p PasswordParams) (string, error) {
	if err := p.Validate(); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("web: not an argon2id hash")

// VerifyPassword reports whether pw matches a hash HashPassword made,
// comparing in constant time.
func VerifyPassword(pw, hash string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	var p PasswordParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || p.Validate() != nil {
		return false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(want) < 16 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
