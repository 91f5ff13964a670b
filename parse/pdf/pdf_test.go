package pdf

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kscmp/intake/parse/form"
)

// The PDF fixtures are written by internal/gen/pdfforms; rebuild them with
// `go run ./internal/gen/pdfforms` from the module root.
const pdfFixtures = "../../testdata/forms/pdf"

func readFixture(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rf(value string, labels ...string) form.RawField {
	return form.RawField{Labels: labels, Value: value}
}

func TestReadPDFForms(t *testing.T) {
	tests := []struct {
		file string
		want []form.RawField
	}{
		{"fillable-referral.pdf", []form.RawField{
			rf("Siân Ó Briain", "Name of person making the referral", "referrer.name"),
			rf("Designated safeguarding lead", "Role", "referrer.role"),
			rf("Kestmoor Primary School", "Agency", "referrer.agency"),
			rf("s.obriain@kestmoor-primary.example", "Email", "referrer.email"),
			rf("Jay Example", "Child's name", "child.name"),
			rf("03/11/2015", "Date of birth", "child.dob"),
			rf("Child protection plan", "Legal status of the child", "child.legal_status"),
			rf("☐ Looked after child", "Looked after child", "child.looked_after"),
			rf("05/11/2026", "Date of incident", "incident_date"),
			rf("Kestmoor", "Where did the incident happen?", "incident_place"),
			rf("Died", "Has the child died or been seriously harmed?", "harm"),
			rf("Jay was found unresponsive at home.\nAmbulance called at 07:40.", "Brief summary of the incident", "summary"),
			rf("☒ police", "police"),
			rf("☒ I have agreement to refer from my senior safeguarding lead", "I have agreement to refer from my senior safeguarding lead", "agreed"),
		}},
		{"fillable-summary.pdf", []form.RawField{
			rf("KSCMP-2026-0042", "Case reference", "case_ref"),
			rf("Kestmoor Community Health Trust", "Agency", "agency"),
			rf("Robin Placeholder", "Completed by", "author_name"),
			rf("Named nurse for safeguarding", "author_role"),
			rf("12/11/2026", "Date completed", "completed"),
			rf("Jay Example", "Name of child", "child_name"),
			rf("03/11/2015", "Child's date of birth", "child_dob"),
			rf("Yes", "Did your agency know the child or family?", "involvement"),
			rf("01/09/2019", "Involvement from", "involvement_from"),
			rf("", "Involvement to", "involvement_to"),
			rf("Health visiting contacts 2019-2021.\nSchool nursing from 2021.", "Summary of involvement", "summary"),
			rf("Information about home visits was not shared.", "Learning identified", "learning"),
			rf("Dr Sam Invented", "signed_off_by"),
		}},
		{"saved-table.pdf", []form.RawField{
			rf("Alex Sample", "Name"),
			rf("Social worker", "Role"),
			rf("Kestmoor Children's Services", "Agency"),
			rf("06/11/2026", "Date of referral"),
			rf("Jay Example", "Child's name"),
			rf("03/11/2015", "Date of birth"),
			rf("", "Ethnicity"), // left blank
			rf("Kestmoor", "Home local authority"),
			rf("05/11/2026", "Date of incident"),
			rf("05/11/2026", "Date the local authority became aware"),
			rf("Jay was taken to hospital with\ninjuries that need explaining.\nPolice are investigating.", "What happened?"),
			rf("No", "Did the child die?"),
		}},
		{"saved-colon.pdf", []form.RawField{
			rf("Alex Sample", "Referrer name"),
			rf("alex.sample@kestmoor.example", "Referrer email"),
			rf("Jay Example", "Child's name"),
			rf("03/11/2015", "Date of birth"),
			rf("Kestmoor", "Place of incident"),
			rf("5th Nov 2026", "Incident date"),
			rf("07:40 (ambulance)", "Time of call"),
			rf("Jay was found unresponsive at home.\nJay's sibling is staying with grandparents.", "Please summarise the incident"),
			rf("No", "Was the child looked after?"),
			rf("Chris Invented, Head of Safeguarding", "Agreement to refer given by"),
			rf("", "Is abuse or neglect suspected?"),
		}},
		{"saved-word.pdf", []form.RawField{
			rf("Jay Example", "Child's name"),
			rf("03/11/2015", "Date of birth"),
			rf("Kestmoor", "Place of incident"),
			rf("☒ Died ☐ Seriously harmed", "Outcome for the child"),
			rf("☐ Yes ☒ No", "Was the child looked after?"),
		}},
		{"flattened.pdf", []form.RawField{
			rf("Jay Example", "Child's name"),
			rf("03/11/2015", "Date of birth"),
			rf("Kestmoor", "Where did the incident happen?"),
			rf("Died", "Outcome"),
		}},
		{"saved-centred.pdf", []form.RawField{
			rf("Jay Example", "Child's name"),
			rf("Kestmoor", "Where did the incident happen?"),
			rf("Jay was found unresponsive at home.\nAn ambulance was called.\nPolice attended.", "Summary of the incident"),
			rf("Kestmoor", "Home local authority"),
			rf("03/11/2015", "Date of birth"),
			rf("Alex Sample", "Referrer name"),
		}},
	}
	// The same form with its content uncompressed reads the same.
	tests = append(tests, struct {
		file string
		want []form.RawField
	}{"saved-plain.pdf", tests[2].want})
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ex, err := Read(context.Background(), readFixture(t, pdfFixtures, tt.file), form.DefaultLimits())
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(ex.Fields, tt.want) {
				for i := range max(len(ex.Fields), len(tt.want)) {
					var got, want form.RawField
					if i < len(ex.Fields) {
						got = ex.Fields[i]
					}
					if i < len(tt.want) {
						want = tt.want[i]
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("field %d:\n got %q %q\nwant %q %q", i, got.Labels, got.Value, want.Labels, want.Value)
					}
				}
			}
			if len(ex.Warnings) != 0 {
				t.Errorf("warnings: %q", ex.Warnings)
			}
		})
	}
}

func TestPDFLines(t *testing.T) {
	// Word's "Save as PDF" places each word by itself, with no space
	// glyphs: words must come back separated by spaces, and a table's
	// columns as separate cells.
	ex, err := Read(context.Background(), readFixture(t, pdfFixtures, "saved-table.pdf"), form.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if got := ex.Fields[2].Value; got != "Kestmoor Children's Services" {
		t.Errorf("words placed one by one read as %q", got)
	}
}
