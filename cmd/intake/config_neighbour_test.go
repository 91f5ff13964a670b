package main

import (
	"strings"
	"testing"
)

// TestNeighbourConfigErrors: each problem with a neighbour names its
// setting, partnership.neighbour[n] or its .address, with the key made
// from the name when none is given.
func TestNeighbourConfigErrors(t *testing.T) {
	c := DefaultConfig()
	c.Partnership.Neighbours = []NeighbourConfig{
		{Name: "Eastholm SCP", Address: "Referrals@Eastholm.example"},
		{Name: "eastholm  scp", Address: "NOT AN ADDRESS"},
		{Name: " ", Key: "x", Address: "a@b.example"},
		{Name: "West", Key: "x", Address: "ok@w.example"},
	}
	want := `partnership.neighbour[2]: key "eastholm_scp" is used twice
partnership.neighbour[2].address: "NOT AN ADDRESS" is not an email address
partnership.neighbour[3]: needs a name
partnership.neighbour[4]: key "x" is used twice`
	if err := c.Partnership.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want\n%s", err, want)
	}
	if got := c.Partnership.NeighbourList()[0]; got.Key != "eastholm_scp" || got.Address != "referrals@eastholm.example" {
		t.Errorf("NeighbourList()[0] = %+v, want key eastholm_scp and the address lower-cased", got)
	}
	c.Partnership.Neighbours = c.Partnership.Neighbours[:1]
	if err := c.Partnership.Validate(); err != nil && strings.Contains(err.Error(), "neighbour") {
		t.Errorf("one valid neighbour: %v", err)
	}
}
