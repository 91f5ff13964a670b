package main

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestIMAPConfigDefaultsValid(t *testing.T) {
	if err := defaultIMAPConfig().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
}

func TestIMAPConfigFieldErrors(t *testing.T) {
	for _, tc := range []struct {
		edit func(c *IMAPConfig)
		want string
	}{
		{func(c *IMAPConfig) { c.Port = 70000 }, "imap.port: must be 1-65535"},
		{func(c *IMAPConfig) { c.TLS = "plaintext"; c.Host = "127.0.0.1"; c.Username = "u" }, "imap.tls: \"plaintext\" needs allow_plaintext_loopback"},
		{func(c *IMAPConfig) {
			c.TLS, c.AllowPlaintextLoopback, c.Host, c.Username = "plaintext", true, "mail.kestmoor.example", "u"
		}, "imap.tls: \"plaintext\" is allowed only to a loopback host"},
		{func(c *IMAPConfig) { c.Host = "mail.kestmoor.example" }, "imap.username: required"},
		{func(c *IMAPConfig) { c.Auth = "xoauth2" }, "imap.token_file: auth = \"xoauth2\" needs exactly one"},
		{func(c *IMAPConfig) { c.Action = "delete" }, "imap.action: must be"},
		{func(c *IMAPConfig) { c.Folders = []string{"INBOX", "Processed"} }, "imap.folders: \"Processed\" is also"},
		{func(c *IMAPConfig) { c.Action = "flag"; c.FlagKeyword = "two words" }, "imap.flag_keyword"},
		{func(c *IMAPConfig) { c.BatchSize = 0 }, "imap.batch_size"},
		{func(c *IMAPConfig) { c.BackoffMax = c.BackoffMin; c.BackoffMin.Duration *= 2 }, "imap.backoff_max"},
	} {
		c := defaultIMAPConfig()
		tc.edit(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("want %q, got %v", tc.want, err)
		}
	}
	c := defaultIMAPConfig()
	c.TLS, c.AllowPlaintextLoopback, c.Host, c.Username = "plaintext", true, "::1", "u"
	if err := c.Validate(); err != nil {
		t.Errorf("plaintext to ::1: %v", err)
	}
}

// TestIMAPExampleFragmentIsTheDefaults checks that example/10_imap.toml
// parses, names every setting, and shows the defaults.
func TestIMAPExampleFragmentIsTheDefaults(t *testing.T) {
	f, err := os.Open("example/10_imap.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := ParseConfigFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.IMAP, defaultIMAPConfig()) {
		t.Errorf("fragment %+v\ndefaults %+v", c.IMAP, defaultIMAPConfig())
	}
	data, _ := os.ReadFile("example/10_imap.toml")
	typ := reflect.TypeOf(IMAPConfig{})
	for i := 0; i < typ.NumField(); i++ {
		key := typ.Field(i).Tag.Get("toml")
		if !strings.Contains(string(data), "\n"+key+" = ") {
			t.Errorf("example/10_imap.toml does not show %s", key)
		}
	}
}
