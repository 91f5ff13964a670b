package web

import (
	"net/http"
	"testing"
)

func TestPagesRender(t *testing.T) {
	r := newRig(t)
	c := r.login(teamEmail)
	for _, p := range []string{"/", "/cases", "/cases?q=amelia&state=received&overdue=1&flag=suspected_suicide", "/cases/KSCMP-2026-0001",
		"/cases/KSCMP-2026-0004", "/mail", "/mail/901", "/outbox", "/outbox?state=failed",
		"/cases/KSCMP-2026-0004/do/accept", "/cases/KSCMP-2026-0001/do/record-step?step=collated",
		"/cases/KSCMP-2026-0001/do/correct?field=child_name", "/cases/KSCMP-2026-0001/do/outcome",
		"/cases/KSCMP-2026-0001/do/extend?agency=police", "/mail/901/do/attach", "/mail/902/do/dismiss"} {
		res := r.get(p, c)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d\n%s", p, res.StatusCode, res.Body)
		}
	}
}
