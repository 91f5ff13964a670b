package casework

import (
	"archive/zip"
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"path"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse/form"
)

//go:embed templates/pack.html
var packTemplates embed.FS

var packTemplate = template.Must(template.New("pack.html").Funcs(template.FuncMap{"join": strings.Join}).ParseFS(packTemplates, "templates/pack.html"))

// Pack is the rapid review pack of a case (Kent's Day 11): a zip archive
// holding index.html (the referral and where each answer came from, the
// screening and the decision to review, each agency's summary, the
// timetable and the timeline) and each summary's original files under
// originals/. A file over the parse limits is listed, not included.
type Pack struct {
	Name string // e.g. KSCMP-2026-0042-rapid-review-pack.zip
	Data []byte
}

// AttachmentLister returns the form files of a stored message and the
// names of those too large to keep (parse.Attachments with the
// partnership's limits).
type AttachmentLister func(ctx context.Context, raw []byte) (files []form.Attachment, oversized []string, err error)

// BuildPack collates the rapid review pack of case ref for the Rapid
// Review Group, as who, and records it in the audit trail as an
// information share (what was shared, by whom, for whom). It does not
// record the collation step: a person does that once the pack is sent.
func (cw *Casework) BuildPack(ctx context.Context, who, ref string) (*Pack, error) {
	var p *Pack
	err := cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		if !c.State.Accepted() {
			return intake.Errorf(intake.ECONFLICT, "%s is %s: a rapid review pack is built for an accepted case.", c.Ref, c.State.Words())
		}
		data, files, err := w.packData(ctx, c)
		if err != nil {
			return err
		}
		var index bytes.Buffer
		if err := packTemplate.Execute(&index, data); err != nil {
			return fmt.Errorf("casework: writing the pack of %s: %w", c.Ref, err)
		}
		zipped, err := zipPack(index.Bytes(), files, w.now)
		if err != nil {
			return err
		}
		p = &Pack{Name: c.Ref + "-rapid-review-pack.zip", Data: zipped}
		return w.audit("pack.built", c.Ref, 0, "information shared: the rapid review pack (referral, screening, %d agencies' parts, %d original files, timeline) prepared by %s for the Rapid Review Group",
			len(data.Agencies), len(files), w.who)
	})
	return p, err
}

// packFile is one original file in the pack.
type packFile struct {
	Path string
	Data []byte
}

type packField struct{ Label, Value, Source string }

type packAgency struct {
	Name, Status string
	Fields       []packField
	Files        []string
	Missing      []string
}

type packStep struct{ Due, Title, Status string }

type packEvent struct{ At, Who, What string }

type packReferral struct {
	Title  string
	Fields []packField
}

type packData struct {
	Ref, By, At, Received, Day1, State string
	AtRisk                             bool
	Referrals                          []string
	Fields                             []packField
	Further                            []packReferral
	Verdict, Decision                  string
	Missing, Failed, Flags             []string
	Agencies                           []packAgency
	Steps                              []packStep
	Timeline                           []packEvent
}

// packData gathers what the pack says, and the original files.
func (w *work) packData(ctx context.Context, c *intake.Case) (packData, []packFile, error) {
	p := w.cw.Policy
	d := packData{Ref: c.Ref, By: w.who, At: longTime(w.now), Received: longTime(c.Received), Day1: intake.DateWords(c.Day1),
		State: c.State.Words(), AtRisk: c.TimetableAtRisk, Verdict: intake.KeyWords(c.Screening.Verdict)}
	for _, r := range c.Referrals {
		kind := "The referral"
		if r.Linked {
			kind = "A further referral"
		}
		d.Referrals = append(d.Referrals, fmt.Sprintf("%s: message %d, received %s.", kind, r.Message, longTime(r.At)))
		if !r.Linked || r.Message == 0 {
			continue
		}
		if res, _, err := w.parsed(r.Message); err == nil {
			further := packReferral{Title: fmt.Sprintf("A further referral, message %d, received %s (its own answers: the case's are above)", r.Message, longTime(r.At))}
			answers := intake.ReferralFromFields(res.Fields).Fields()
			for _, k := range intake.ReferralKeys() {
				if v, ok := answers[k]; ok {
					further.Fields = append(further.Fields, packField{Label: intake.FieldLabel(k), Value: intake.AnswerWords(v)})
				}
			}
			d.Further = append(d.Further, further)
		}
	}
	fields := c.Referral.Fields()
	for _, k := range intake.ReferralKeys() {
		if v, ok := fields[k]; ok {
			d.Fields = append(d.Fields, packField{Label: intake.FieldLabel(k), Value: intake.AnswerWords(v), Source: c.Sources[k]})
		}
	}
	d.Missing, d.Failed = keyWords(c.Screening.Missing), keyWords(c.Screening.Failed)
	for _, f := range c.Screening.Flags {
		d.Flags = append(d.Flags, intake.FlagWords(f))
	}
	if c.Route != nil {
		d.Decision = fmt.Sprintf("%s by %s on %s: %s", intake.Capitalise(c.Route.Route.Words()), c.Route.By, longTime(c.Route.At), c.Route.Reason)
	}
	var files []packFile
	for _, r := range c.Requests {
		a, fs, err := w.packAgency(ctx, r)
		if err != nil {
			return d, nil, err
		}
		d.Agencies, files = append(d.Agencies, a), append(files, fs...)
	}
	s := c.Schedule(p.Timetable, p.Calendar, w.now)
	for _, st := range s.Steps() {
		if st.NotApplicable {
			continue
		}
		d.Steps = append(d.Steps, packStep{Due: intake.DateWords(st.Due), Title: st.Title, Status: stepWords(st)})
	}
	trail, err := w.tx.AuditTrail(c.Ref)
	if err != nil {
		return d, nil, err
	}
	for _, e := range trail {
		if e.Action == "case.viewed" {
			continue
		}
		d.Timeline = append(d.Timeline, packEvent{At: longTime(e.At), Who: e.Actor, What: e.Action + ": " + e.Detail})
	}
	return d, files, nil
}

// packAgency says where one agency's part stands, with its summary's
// answers and original files.
func (w *work) packAgency(ctx context.Context, r intake.SummaryRequest) (packAgency, []packFile, error) {
	a := packAgency{Name: r.AgencyName}
	switch r.Status {
	case intake.SummaryReceived:
		a.Status = fmt.Sprintf("Received %s (%s).", longTime(r.ReceivedAt), r.Note)
	case intake.SummaryNoInvolvement:
		a.Status = fmt.Sprintf("No involvement with the child or family, recorded %s (%s).", longTime(r.ReceivedAt), r.Note)
	case intake.SummaryWithdrawn:
		a.Status = "The request was withdrawn: " + r.Note
	default:
		a.Status = fmt.Sprintf("Not yet received: due %s.", intake.DateWords(r.Due))
	}
	if r.Message == 0 {
		return a, nil, nil
	}
	if res, _, err := w.parsed(r.Message); err == nil {
		form := intake.AgencySummaryFromFields(res.Fields).Fields()
		for _, k := range intake.AgencySummaryKeys() {
			if v, ok := form[k]; ok {
				a.Fields = append(a.Fields, packField{Label: intake.FieldLabel(k), Value: intake.AnswerWords(v)})
			}
		}
	}
	raw, err := w.tx.MessageRaw(r.Message)
	if err != nil || len(raw) == 0 {
		a.Missing = append(a.Missing, "the original email is no longer kept (purged after the retention period)")
		return a, nil, nil
	}
	var files []packFile
	dir := path.Join("originals", r.Agency)
	files = append(files, packFile{Path: path.Join(dir, fmt.Sprintf("message-%d.eml", r.Message)), Data: raw})
	a.Files = append(a.Files, path.Join(dir, fmt.Sprintf("message-%d.eml", r.Message))+" (the email as received)")
	if w.cw.Attachments == nil {
		return a, files, nil
	}
	atts, oversized, err := w.cw.Attachments(ctx, raw)
	if err != nil {
		a.Missing = append(a.Missing, "the attachments could not be read: open the email itself")
		return a, files, nil
	}
	for _, f := range atts {
		name := path.Join(dir, path.Base(strings.ReplaceAll(f.Name, `\`, "/")))
		files = append(files, packFile{Path: name, Data: f.Data})
		a.Files = append(a.Files, fmt.Sprintf("%s (%d KB)", name, (len(f.Data)+1023)/1024))
	}
	for _, name := range oversized {
		a.Missing = append(a.Missing, fmt.Sprintf("%s is larger than intake reads: it is in the email above, or ask %s for it.", name, r.AgencyName))
	}
	return a, files, nil
}

// zipPack writes the archive, every entry stamped now.
func zipPack(index []byte, files []packFile, now time.Time) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name string, data []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	if err := add("index.html", index); err != nil {
		return nil, fmt.Errorf("casework: writing the pack: %w", err)
	}
	for _, f := range files {
		if err := add(f.Path, f.Data); err != nil {
			return nil, fmt.Errorf("casework: writing the pack: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("casework: writing the pack: %w", err)
	}
	return b.Bytes(), nil
}

func stepWords(st intake.StepStatus) string {
	switch {
	case st.Done && st.Record.By != "":
		s := fmt.Sprintf("Done %s, recorded by %s", intake.DateWords(st.Record.Done), st.Record.By)
		if st.Record.How != "" {
			s += ": " + st.Record.How
		}
		return s
	case st.Done:
		return "Done"
	case st.Overdue:
		return "Overdue: not recorded"
	}
	return "Not yet"
}

func longTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(intake.London).Format("Monday 2 January 2006 at 15:04")
}
