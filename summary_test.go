package intake

import "testing"

func TestSummaryStatusWords(t *testing.T) {
	for _, tc := range []struct {
		s    SummaryStatus
		want string
	}{
		{SummaryRequested, "requested"},
		{SummaryNoInvolvement, "no involvement"},
		{SummaryOverdue, "overdue"},
	} {
		if got := tc.s.Words(); got != tc.want {
			t.Errorf("%q.Words() = %q, want %q", tc.s, got, tc.want)
		}
	}
}
