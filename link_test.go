package intake

import (
	"strings"
	"testing"
)

func TestShownInitials(t *testing.T) {
	for _, c := range []struct {
		name     string
		initials string // Initials, as linking compares them: unchanged
		display  string
	}{
		{"Amelia Hartley", "AH", "A. H."},
		{"J.D.", "JD", "J. D."},
		{"J. Doe", "JD", "J. D."},
		{"JD", "JD", "J. D."},
		{"Mary-Jane Smith", "MJS", "M. J. S."},
		{"", "", ""},
		{"Amy", "AMY", "A."}, // a short name, not initials: no more of it shows
		{"AMY", "AMY", "A. M. Y."},
		{"Amelia", "A", "A."},
		{"Amelia Q. Hartley", "AQH", "A. Q. H."},
	} {
		if got := Initials(c.name); got != c.initials {
			t.Errorf("Initials(%q) = %q, want %q", c.name, got, c.initials)
		}
		if got, want := ShownInitials(c.name), strings.NewReplacer(".", "", " ", "").Replace(c.display); got != want {
			t.Errorf("ShownInitials(%q) = %q, want %q", c.name, got, want)
		}
		if got := DisplayInitials(c.name); got != c.display {
			t.Errorf("DisplayInitials(%q) = %q, want %q", c.name, got, c.display)
		}
	}
}
