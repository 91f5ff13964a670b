package notify

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/kscmp/intake"
)

// TestThreadingHeadersAreBounded (issue 12, point 7): however absurd the
// References intake was given, the email carries at most the last ten
// valid Message-IDs, each once, the one it answers last, and never an
// invalid In-Reply-To.
func TestThreadingHeadersAreBounded(t *testing.T) {
	var refs []string
	for i := 0; i < 500; i++ {
		refs = append(refs, fmt.Sprintf("<r%d@kestmoor-health.example>", i))
		refs = append(refs, fmt.Sprintf("not an id %d", i), "<r3@kestmoor-health.example>")
	}
	want := func(from, to int, last string) string {
		var w []string
		for i := from; i <= to; i++ {
			w = append(w, fmt.Sprintf("<r%d@kestmoor-health.example>", i))
		}
		if last != "" {
			w = append(w, last)
		}
		return strings.Join(w, " ")
	}
	for name, tc := range map[string]struct {
		inReplyTo, wantInReplyTo, wantRefs string
		refs                               []string
	}{
		"absurd references":            {"<answered@kestmoor-health.example>", "<answered@kestmoor-health.example>", want(491, 499, "<answered@kestmoor-health.example>"), refs},
		"invalid in-reply-to":          {"<broken@@x>", "", want(490, 499, ""), refs},
		"in-reply-to among refs":       {"<r498@kestmoor-health.example>", "<r498@kestmoor-health.example>", "<r490@kestmoor-health.example> " + want(491, 497, "<r499@kestmoor-health.example> <r498@kestmoor-health.example>"), refs},
		"in-reply-to without brackets": {"a@b.example", "<a@b.example>", "<a@b.example>", nil},
		"nothing":                      {"", "", "", nil},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			n := ackNotice()
			n.InReplyTo, n.References = tc.inReplyTo, tc.refs
			h.enqueue(n)
			if sent := h.sendOnce(); sent != 1 {
				t.Fatalf("sent %d: %+v", sent, h.rows()[0])
			}
			data := h.server.Messages()[0].Data
			hd := header(t, data)
			if got := hd.Get("In-Reply-To"); got != tc.wantInReplyTo {
				t.Errorf("In-Reply-To %q, want %q", got, tc.wantInReplyTo)
			}
			got := strings.Join(strings.Fields(hd.Get("References")), " ")
			if got != strings.TrimSpace(tc.wantRefs) {
				t.Errorf("References\n%q\nwant\n%q", got, tc.wantRefs)
			}
			if n := len(strings.Fields(got)); n > intake.MaxReferences {
				t.Errorf("%d References", n)
			}
			for _, line := range bytes.Split(data, []byte("\r\n")) {
				if len(line) > 998 {
					t.Errorf("a line of %d octets (RFC 5322 section 2.1.1)", len(line))
				}
			}
		})
	}
}

// TestThreadingKeepsAnOrdinaryReply: a reply's own headers pass
// unchanged.
func TestThreadingKeepsAnOrdinaryReply(t *testing.T) {
	in, refs := threading(intake.Notice{InReplyTo: "<b@x.example>", References: []string{"<a@x.example>", "<b@x.example>"}})
	if in != "<b@x.example>" || strings.Join(refs, " ") != "<a@x.example> <b@x.example>" {
		t.Errorf("threading: %q %q", in, refs)
	}
}
