package parse

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// docxDir holds the fixtures internal/gen/docxforms writes.
const docxDir = "../testdata/forms/docx"

func docxFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(docxDir, name))
	if err != nil {
		t.Fatalf("reading fixture (run go run ./internal/gen/docxforms): %v", err)
	}
	return b
}

// f builds an expected RawField.
func wf(value string, labels ...string) RawField { return RawField{Labels: labels, Value: value} }

func TestReadDOCXForms(t *testing.T) {
	tests := []struct {
		file     string
		fields   []RawField
		warnings []string
	}{{
		file: "referral_content_controls.docx",
		fields: []RawField{
			wf("Jay Example", "Name of child", "Child name", "child_name"),
			wf("2015-11-03", "Date of birth", "child_dob"),
			wf("Male", "Gender", "child_gender"),
			wf("", "Ethnicity"),
			wf("12 Example Row\nKestmoor\nKM1 2AB", "Home address", "Address", "child_address"),
			wf("Child in need", "Legal status of the child", "Legal status"),
			wf("2026-11-03", "Date of incident", "Incident date", "incident_date"),
			wf("2026-11-04", "Date the local authority became aware"),
			wf("☐ Died ☒ Seriously harmed", "Has the child died or been seriously harmed?"),
			wf("☐ Known\t☒ Suspected\t☐ Not suspected", "Is abuse or neglect known or suspected?"),
			wf("☒ Physical\n☐ Sexual\n☐ Emotional\n☒ Neglect", "Type of abuse or neglect"),
			wf("Jay was taken to Kestmoor General Hospital with a head injury.\nThe explanation given did not match the injury.",
				"Summary of the incident", "Summary", "incident_summary"),
			wf("Kestmoor Police, Kestmoor Primary School, Kestmoor Health Visiting", "Agencies involved", "agencies"),
			wf("☒ Yes ☐ No", "Does the child live in the Kestmoor area or did the incident happen in Kestmoor?"),
			wf("Sam Sample", "Name of referrer", "Referrer name", "referrer_name"),
			wf("Dr Robin Sample, Director of Children's Services", "Agreement to refer given by", "agreement_by"),
			wf("2026-11-05", "Date of referral", "referral_date"),
			wf("☒ I confirm that the information given is accurate", "Declaration"),
		},
		warnings: []string{"docx: 1 content controls still show placeholder text"},
	}, {
		file: "referral_legacy_fields.docx",
		fields: []RawField{
			wf("Jay Example", "Name of child", "ChildName"),
			wf("03/11/2015", "Date of birth"),
			wf("Kestmoor", "Home local authority"),
			wf("☒ Yes  ☐ No", "Is the child looked after?"),
			wf("Seriously harmed", "Has the child died or been seriously harmed?", "HarmOutcome"),
			wf("Known", "Is abuse or neglect known or suspected?"),
			wf("3rd Nov 2026", "Date of incident", "IncidentDate"),
			wf("", "Where did the incident happen?"),
			wf("", "Postcode"),
			wf("☒ Yes  ☐ No", "Is there a police investigation?"),
			wf("Jay was found alone at home.\nNeighbours called the police.", "Summary of the incident", "Summary"),
			wf("Sam Sample", "Name of referrer"),
			wf("sam.sample@kestmoor.example", "Email address"),
			wf("kscmp@kestmoor.example", "Please return this form to"),
		},
		warnings: []string{"docx: 1 form fields still show their default text"},
	}, {
		file: "referral_plain_tables.docx",
		fields: []RawField{
			wf("Jay Example", "Name of child"),
			wf("03/11/2015", "Date of birth"),
			wf("Female", "Gender"),
			wf("White British", "Ethnicity"),
			wf("12 Example Row\nKestmoor KM1 2AB", "Address"),
			wf("Child protection plan", "Legal status"),
			wf("Kestmoor Police\nKestmoor Primary School\nKestmoor Community Health Trust", "Agencies involved"),
			wf("03.11.26", "Date of incident"),
			wf("Kestmoor Park", "Location"),
			wf("☐ Died ☒ Seriously harmed", "Has the child died or been seriously harmed?"),
			wf("☒ Known ☐ Suspected", "Is abuse or neglect known or suspected?"),
			wf("☐ Yes ☒ No", "Is suicide suspected?"),
			wf("☒ Yes ☐ No", "Did the incident happen in a regulated setting?"),
			wf("Y", "Is there a police investigation?"),
			wf("☒ Physical\n☐ Sexual\n☐ Emotional\n☒ Neglect", "Type of abuse or neglect (tick all that apply)"),
			wf("Sam Sample", "Name of referrer"),
			wf("Designated safeguarding lead", "Role"),
			wf("Kestmoor Primary School", "Agency"),
			wf("Dr Robin Sample", "Agreement to refer given by"),
			wf("Several agencies knew the family.\nInformation was not shared.",
				"Why do you think this case may hold learning for the multi-agency system?"),
			wf("", "What immediate safeguarding action has been taken?"),
			wf("Kestmoor Housing\nKestmoor Health Visiting", "Agency", "Other agencies known to the family"),
			wf("Lee Example\nPat Sample", "Contact"),
			wf("Tenancy support since 2025", "Involvement"),
		},
		warnings: []string{"docx: the form has tracked changes: deleted text was left out, inserted text read"},
	}, {
		file: "referral_paragraphs_tracked.docx",
		fields: []RawField{
			wf("KSCMP-2026-0042", "Case reference"),
			wf("Jay Example", "Name of child"),
			wf("03/11/2015", "Date of birth"),
			wf("Male", "Gender"),
			wf("12 Example Row\nKestmoor KM1 2AB", "Address"),
			wf("3rd Nov 2026", "Date of incident"),
			wf("05/11/2026", "Date of referral"),
			wf("Kestmoor Park", "Incident location"),
			wf("Seriously harmed", "Has the child died or been seriously harmed?"),
			wf("Known", "Is abuse or neglect known or suspected?"),
			wf("Kestmoor Police, Kestmoor Primary School, Kestmoor Health Visiting", "Agencies involved"),
			wf("Jay was found alone at home by a neighbour.\nThe police were called and attended within the hour.", "Summary of the incident"),
			wf("Yes", "Does the child live in the Kestmoor area or did the incident happen in Kestmoor?"),
			wf("Sam Sample", "Name of referrer"),
		},
		warnings: []string{"docx: the form has tracked changes: deleted text was left out, inserted text read"},
	}, {
		file: "agency_summary.docx",
		fields: []RawField{
			wf("KSCMP-2026-0042", "Case reference"),
			wf("Kestmoor Community Health Trust", "Agency"),
			wf("Morgan Example", "Name of person completing this form"),
			wf("Named nurse for safeguarding", "Role"),
			wf("morgan.example@kestmoor-health.example", "Email"),
			wf("12/11/2026", "Date completed"),
			wf("Jay Example", "Name of child"),
			wf("03/11/2015", "Date of birth"),
			wf("☒ Yes ☐ No", "Was your agency involved with the child or family?"),
			wf("01/04/2024", "Involvement from"),
			wf("03/11/2026", "Involvement to"),
			wf("Health visiting saw Jay at home four times.\nSchool nursing had no contact.", "Summary of involvement with the child and family"),
			wf("Concerns about bruising were not shared with children's social care.",
				"Analysis of practice: what went well and what were the concerns?"),
			wf("Record and share explanations of injuries in non-mobile children.", "Learning identified"),
			wf("Briefing issued to all health visitors.", "Immediate action already taken"),
			wf("", "Recommendations"),
			wf("Casey Sample, Head of Safeguarding", "Signed off by (manager)"),
			wf("13/11/2026", "Date signed off"),
			wf("KSCMP-2026-0042", "Rapid review reference"),
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ex, err := ReadDOCX(docxFixture(t, tt.file), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < max(len(ex.Fields), len(tt.fields)); i++ {
				var got, want RawField
				if i < len(ex.Fields) {
					got = ex.Fields[i]
				}
				if i < len(tt.fields) {
					want = tt.fields[i]
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("field %d:\n got %#v\nwant %#v", i, got, want)
				}
			}
			if !reflect.DeepEqual(ex.Warnings, tt.warnings) {
				t.Errorf("warnings: got %q, want %q", ex.Warnings, tt.warnings)
			}
		})
	}
}

// TestReadDOCXWarningsCarryNoFormText guards the logging rule: warnings
// may count and name constructs, never quote the form.
func TestReadDOCXWarningsCarryNoFormText(t *testing.T) {
	entries, err := os.ReadDir(docxDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		ex, err := ReadDOCX(docxFixture(t, e.Name()), DefaultLimits())
		if err != nil {
			continue
		}
		for _, w := range ex.Warnings {
			for _, fl := range ex.Fields {
				if len(fl.Value) > 3 && strings.Contains(w, fl.Value) {
					t.Errorf("%s: warning %q quotes a value", e.Name(), w)
				}
			}
		}
	}
}

func TestReadDOCXLongForm(t *testing.T) {
	start := time.Now()
	ex, err := ReadDOCX(docxFixture(t, "long_5000_paragraphs.docx"), DefaultLimits())
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if elapsed > 5e9 {
		t.Errorf("took %v, want under 5s", elapsed)
	}
	if len(ex.Fields) != 2 || ex.Fields[0].Value != "Jay Example" {
		t.Fatalf("got %d fields, first %#v", len(ex.Fields), ex.Fields[0])
	}
	lines := strings.Split(ex.Fields[1].Value, "\n")
	if len(lines) != 5000 || lines[4999] != "Chronology entry 5000, with nothing further to note." {
		t.Errorf("chronology: %d lines, last %q", len(lines), lines[len(lines)-1])
	}
}
