package intake

import "testing"

func TestRouteWords(t *testing.T) {
	for _, tc := range []struct {
		r    Route
		want string
	}{
		{RouteAccept, "accept for rapid review"},
		{RouteAskReferrer, "ask the referrer for missing information"},
		{RouteNotAccepted, "not accepted"},
		{Route("unknown_route"), "unknown_route"},
	} {
		if got := tc.r.Words(); got != tc.want {
			t.Errorf("%q.Words() = %q, want %q", tc.r, got, tc.want)
		}
	}
}
