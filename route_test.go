package intake

import (
	"slices"
	"testing"
)

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

func TestNeighboursValidate(t *testing.T) {
	ok := Neighbour{Key: "eastholm", Name: "Eastholm SCP", Address: "referrals@eastholm.example"}
	for _, tc := range []struct {
		name string
		ns   Neighbours
		want []NeighbourError
	}{
		{"none", nil, nil},
		{"valid", Neighbours{ok, {Key: "westmere", Name: "Westmere", Address: "Westmere SCP <scp@westmere.example>"}}, nil},
		{"no name", Neighbours{{Key: "x", Name: "  ", Address: "a@b.example"}},
			[]NeighbourError{{Index: 1, Problem: "needs a name"}}},
		{"key twice", Neighbours{ok, {Key: "eastholm", Name: "Other", Address: "o@o.example"}},
			[]NeighbourError{{Index: 2, Problem: `key "eastholm" is used twice`}}},
		{"keys compared exactly", Neighbours{ok, {Key: "Eastholm", Name: "Other", Address: "o@o.example"}}, nil},
		{"no name and bad address", Neighbours{ok, {Key: "eastholm", Name: "", Address: "not an address"}},
			[]NeighbourError{{Index: 2, Problem: "needs a name"}, {Index: 2, Field: "address", Problem: `"not an address" is not an email address`}}},
		{"bad address", Neighbours{{Key: "w", Name: "W", Address: ""}, ok},
			[]NeighbourError{{Index: 1, Field: "address", Problem: `"" is not an email address`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.ns.Validate()
			var got []NeighbourError
			if err != nil {
				j, isJoin := err.(interface{ Unwrap() []error })
				if !isJoin {
					t.Fatalf("Validate() = %v, want joined errors", err)
				}
				for _, e := range j.Unwrap() {
					ne, isNE := e.(*NeighbourError)
					if !isNE {
						t.Fatalf("error %v is not a *NeighbourError", e)
					}
					got = append(got, *ne)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Validate() = %+v, want %+v", got, tc.want)
			}
		})
	}
	err := (&NeighbourError{Index: 2, Field: "address", Problem: `"x" is not an email address`}).Error()
	if want := `intake: neighbour 2 address: "x" is not an email address`; err != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
}
