package docx

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/internal/cpubound"
)

// docxDir holds the fixtures internal/gen/docxforms writes.
const docxDir = "../../testdata/forms/docx"

func docxFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(docxDir, name))
	if err != nil {
		t.Fatalf("reading fixture (run go run ./internal/gen/docxforms): %v", err)
	}
	return b
}

// f builds an expected form.RawField.
func dxf(value string, labels ...string) form.RawField {
	return form.RawField{Labels: labels, Value: value}
}

func TestReadDOCXForms(t *testing.T) {
	tests := []struct {
		file     string
		fields   []form.RawField
		warnings []string
	}{{
		file: "referral_content_controls.docx",
		fields: []form.RawField{
			dxf("Jay Example", "Name of child", "Child name", "child_name"),
			dxf("2015-11-03", "Date of birth", "child_dob"),
			dxf("Male", "Gender", "child_gender"),
			dxf("", "Ethnicity"),
			dxf("12 Example Row\nKestmoor\nKM1 2AB", "Home address", "Address", "child_address"),
			dxf("Child in need", "Legal status of the child", "Legal status"),
			dxf("2026-11-03", "Date of incident", "Incident date", "incident_date"),
			dxf("2026-11-04", "Date the local authority became aware"),
			dxf("☐ Died ☒ Seriously harmed", "Has the child died or been seriously harmed?"),
			dxf("☐ Known\t☒ Suspected\t☐ Not suspected", "Is abuse or neglect known or suspected?"),
			dxf("☒ Physical\n☐ Sexual\n☐ Emotional\n☒ Neglect", "Type of abuse or neglect"),
			dxf("Jay was taken to Kestmoor General Hospital with a head injury.\nThe explanation given did not match the injury.",
				"Summary of the incident", "Summary", "incident_summary"),
			dxf("Kestmoor Police, Kestmoor Primary School, Kestmoor Health Visiting", "Agencies involved", "agencies"),
			dxf("☒ Yes ☐ No", "Does the child live in the Kestmoor area or did the incident happen in Kestmoor?"),
			dxf("Sam Sample", "Name of referrer", "Referrer name", "referrer_name"),
			dxf("Dr Robin Sample, Director of Children's Services", "Agreement to refer given by", "agreement_by"),
			dxf("2026-11-05", "Date of referral", "referral_date"),
			dxf("☒ I confirm that the information given is accurate", "Declaration"),
		},
		warnings: []string{"docx: 1 content controls still show placeholder text"},
	}, {
		file: "referral_legacy_fields.docx",
		fields: []form.RawField{
			dxf("Jay Example", "Name of child", "ChildName"),
			dxf("03/11/2015", "Date of birth"),
			dxf("Kestmoor", "Home local authority"),
			dxf("☒ Yes  ☐ No", "Is the child looked after?"),
			dxf("Seriously harmed", "Has the child died or been seriously harmed?", "HarmOutcome"),
			dxf("Known", "Is abuse or neglect known or suspected?"),
			dxf("3rd Nov 2026", "Date of incident", "IncidentDate"),
			dxf("", "Where did the incident happen?"),
			dxf("", "Postcode"),
			dxf("☒ Yes  ☐ No", "Is there a police investigation?"),
			dxf("Jay was found alone at home.\nNeighbours called the police.", "Summary of the incident", "Summary"),
			dxf("Sam Sample", "Name of referrer"),
			dxf("sam.sample@kestmoor.example", "Email address"),
			dxf("kscmp@kestmoor.example", "Please return this form to"),
		},
		warnings: []string{"docx: 1 form fields still show their default text"},
	}, {
		file: "referral_plain_tables.docx",
		fields: []form.RawField{
			dxf("Jay Example", "Name of child"),
			dxf("03/11/2015", "Date of birth"),
			dxf("Female", "Gender"),
			dxf("White British", "Ethnicity"),
			dxf("12 Example Row\nKestmoor KM1 2AB", "Address"),
			dxf("Child protection plan", "Legal status"),
			dxf("Kestmoor Police\nKestmoor Primary School\nKestmoor Community Health Trust", "Agencies involved"),
			dxf("03.11.26", "Date of incident"),
			dxf("Kestmoor Park", "Location"),
			dxf("☐ Died ☒ Seriously harmed", "Has the child died or been seriously harmed?"),
			dxf("☒ Known ☐ Suspected", "Is abuse or neglect known or suspected?"),
			dxf("☐ Yes ☒ No", "Is suicide suspected?"),
			dxf("☒ Yes ☐ No", "Did the incident happen in a regulated setting?"),
			dxf("Y", "Is there a police investigation?"),
			dxf("☒ Physical\n☐ Sexual\n☐ Emotional\n☒ Neglect", "Type of abuse or neglect (tick all that apply)"),
			dxf("Sam Sample", "Name of referrer"),
			dxf("Designated safeguarding lead", "Role"),
			dxf("Kestmoor Primary School", "Agency"),
			dxf("Dr Robin Sample", "Agreement to refer given by"),
			dxf("Several agencies knew the family.\nInformation was not shared.",
				"Why do you think this case may hold learning for the multi-agency system?"),
			dxf("", "What immediate safeguarding action has been taken?"),
			dxf("☒ Yes ☐ No", "Does the child live in the Kestmoor area or did the incident happen in Kestmoor?"),
			dxf("☒ Yes ☐ No", "Is there potential learning for the multi-agency safeguarding system?"),
			dxf("☐ Yes ☒ No", "Has the executive representative agreed to the referral?"),
			dxf("Kestmoor Housing\nKestmoor Health Visiting", "Agency", "Other agencies known to the family"),
			dxf("Lee Example\nPat Sample", "Contact"),
			dxf("Tenancy support since 2025", "Involvement"),
		},
		warnings: []string{"docx: the form has tracked changes: deleted text was left out, inserted text read"},
	}, {
		file: "referral_paragraphs_tracked.docx",
		fields: []form.RawField{
			dxf("KSCMP-2026-0042", "Case reference"),
			dxf("Jay Example", "Name of child"),
			dxf("03/11/2015", "Date of birth"),
			dxf("Male", "Gender"),
			dxf("12 Example Row\nKestmoor KM1 2AB", "Address"),
			dxf("3rd Nov 2026", "Date of incident"),
			dxf("05/11/2026", "Date of referral"),
			dxf("Kestmoor Park", "Incident location"),
			dxf("Seriously harmed", "Has the child died or been seriously harmed?"),
			dxf("Known", "Is abuse or neglect known or suspected?"),
			dxf("Kestmoor Police, Kestmoor Primary School, Kestmoor Health Visiting", "Agencies involved"),
			dxf("Jay was found alone at home by a neighbour.\nThe police were called and attended within the hour.", "Summary of the incident"),
			dxf("Yes", "Does the child live in the Kestmoor area or did the incident happen in Kestmoor?"),
			dxf("Sam Sample", "Name of referrer"),
		},
		warnings: []string{"docx: the form has tracked changes: deleted text was left out, inserted text read"},
	}, {
		file: "agency_summary.docx",
		fields: []form.RawField{
			dxf("KSCMP-2026-0042", "Case reference"),
			dxf("Kestmoor Community Health Trust", "Agency"),
			dxf("Morgan Example", "Name of person completing this form"),
			dxf("Named nurse for safeguarding", "Role"),
			dxf("morgan.example@kestmoor-health.example", "Email"),
			dxf("12/11/2026", "Date completed"),
			dxf("Jay Example", "Name of child"),
			dxf("03/11/2015", "Date of birth"),
			dxf("☒ Yes ☐ No", "Was your agency involved with the child or family?"),
			dxf("01/04/2024", "Involvement from"),
			dxf("03/11/2026", "Involvement to"),
			dxf("Health visiting saw Jay at home four times.\nSchool nursing had no contact.", "Summary of involvement with the child and family"),
			dxf("Concerns about bruising were not shared with children's social care.",
				"Analysis of practice: what went well and what were the concerns?"),
			dxf("Record and share explanations of injuries in non-mobile children.", "Learning identified"),
			dxf("Briefing issued to all health visitors.", "Immediate action already taken"),
			dxf("", "Recommendations"),
			dxf("Casey Sample, Head of Safeguarding", "Signed off by (manager)"),
			dxf("13/11/2026", "Date signed off"),
			dxf("KSCMP-2026-0042", "Rapid review reference"),
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ex, err := Read(context.Background(), docxFixture(t, tt.file), form.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < max(len(ex.Fields), len(tt.fields)); i++ {
				var got, want form.RawField
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
		ex, err := Read(context.Background(), docxFixture(t, e.Name()), form.DefaultLimits())
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
	doc := docxFixture(t, "long_5000_paragraphs.docx")
	var ex form.Extraction
	var err error
	cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { ex, err = Read(context.Background(), doc, form.DefaultLimits()) })
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Fields) != 2 || ex.Fields[0].Value != "Jay Example" {
		t.Fatalf("got %d fields, first %#v", len(ex.Fields), ex.Fields[0])
	}
	lines := strings.Split(ex.Fields[1].Value, "\n")
	if len(lines) != 5000 || lines[4999] != "Chronology entry 5000, with nothing further to note." {
		t.Errorf("chronology: %d lines, last %q", len(lines), lines[len(lines)-1])
	}
}
