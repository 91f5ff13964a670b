package intake

import (
	"strings"
	"testing"
)

func TestValidMessageID(t *testing.T) {
	for in, want := range map[string]string{
		"<referral-1@kestmoor-health.example>":          "<referral-1@kestmoor-health.example>",
		"referral-1@kestmoor-health.example":            "<referral-1@kestmoor-health.example>",
		"  <CAF+x=y_z.1!#$%&'*/?^`{|}~@mail.example>  ": "<CAF+x=y_z.1!#$%&'*/?^`{|}~@mail.example>",
		"<abc@[192.0.2.1]>":                             "<abc@[192.0.2.1]>",
		"":                                              "",
		"<>":                                            "",
		"<a@b":                                          "",
		"a@b>":                                          "",
		"<a@b@c>":                                       "",
		"<a b@c>":                                       "",
		"<.a@b>":                                        "",
		"<a..b@c>":                                      "",
		"<a.@b>":                                        "",
		"<a@>":                                          "",
		"<@b>":                                          "",
		"<a@b\r\nBcc: x@elsewhere.example>":             "",
		"<\"quoted\"@b>":                                "",
		"<a@[b]c]>":                                     "",
		"<caf\u00e9@b>":                                 "",
		"<" + strings.Repeat("a", 249) + "@b>":          "",
		"<" + strings.Repeat("a", 246) + "@b.c>":        "<" + strings.Repeat("a", 246) + "@b.c>",
	} {
		if got := ValidMessageID(in); got != want {
			t.Errorf("ValidMessageID(%q) = %q, want %q", in, got, want)
		}
	}
}
