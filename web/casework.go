package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
)

// Casework is the Backend of a running intake: every action is the
// casework method of the same name (it embeds *casework.Casework), and
// every read is one casework call, or one read-only transaction of the
// store, turned into what the page shows. Reads of personal data go
// through casework's audited views (ViewCase, ViewMessage, RawMessage,
// MessageFile, BuildPack), which record the access before returning.
type Casework struct {
	*casework.Casework
}

var _ Backend = Casework{}

// NewCasework returns the Backend over cw.
func NewCasework(cw *casework.Casework) Casework { return Casework{cw} }

// Choices returns what the action forms offer for case ref; "" gives the
// partnership's own lists only.
func (b Casework) Choices(ctx context.Context, ref string) (Choices, error) {
	if ref == "" {
		return b.choices(nil, nil), nil
	}
	var c *intake.Case
	err := b.Store.View(ctx, func(tx intake.Tx) (err error) {
		c, err = tx.Case(casework.NormalizeRef(ref))
		return err
	})
	if intake.ErrorCode(err) == intake.ENOTFOUND {
		return Choices{}, intake.Errorf(intake.ENOTFOUND, "There is no case %s.", ref)
	}
	if err != nil {
		return Choices{}, err
	}
	s := c.Schedule(b.Policy.Timetable, b.Policy.Calendar, b.Clock.Now())
	return b.choices(c, &s), nil
}

// choices builds the forms' options from the policy and, if given, the
// case and where it stands.
func (b Casework) choices(c *intake.Case, s *intake.CaseSchedule) Choices {
	p := b.Policy
	var ch Choices
	for _, a := range p.Agencies {
		ch.Agencies = append(ch.Agencies, Option{a.Key, a.Name})
	}
	for _, d := range intake.Decisions {
		ch.Decisions = append(ch.Decisions, Option{string(d.Decision), d.Words})
	}
	suggested := ""
	if c != nil && c.Flagged(intake.FlagOutOfArea) {
		if nb, ok := p.Neighbours.Suggest(c.Referral); ok {
			suggested = nb.Key
			ch.Partnerships = append(ch.Partnerships, Option{nb.Key, nb.Name + " (suggested from the places the referral names)"})
		}
	}
	for _, nb := range p.Neighbours {
		if nb.Key != suggested {
			ch.Partnerships = append(ch.Partnerships, Option{nb.Key, nb.Name})
		}
	}
	for _, k := range intake.ReferralKeys() {
		ch.Fields = append(ch.Fields, Option{k, intake.FieldLabel(k)})
	}
	if c == nil {
		return ch
	}
	ch.Ref = c.Ref
	for _, k := range c.Screening.Missing {
		ch.Missing = append(ch.Missing, Option{k, intake.FieldLabel(k)})
	}
	for _, r := range c.Requests {
		if r.Counts() {
			ch.Requests = append(ch.Requests, Option{r.Agency, r.AgencyName})
		}
		if r.Open() {
			ch.OpenRequests = append(ch.OpenRequests, Option{r.Agency, r.AgencyName})
		}
	}
	for _, r := range c.Referrals {
		if r.Linked && r.Message != 0 {
			ch.Linked = append(ch.Linked, Option{strconv.FormatInt(r.Message, 10), fmt.Sprintf("Message %d, from %s", r.Message, r.From)})
		}
	}
	recordable := b.RecordableSteps()
	for _, st := range s.Steps() {
		if slices.Contains(recordable, st.Name) && !st.Done && !st.NotApplicable {
			ch.Steps = append(ch.Steps, Option{st.Name, st.Title})
		}
	}
	return ch
}

// MessageFile opens file n of a stored message for who (audited).
func (b Casework) MessageFile(ctx context.Context, who string, id int64, n int) (Download, error) {
	f, err := b.Casework.MessageFile(ctx, who, id, n)
	if err != nil {
		return Download{}, err
	}
	return bytesDownload(f.Name, f.Data), nil
}

// MessageRaw opens a stored message as it arrived, for who (audited).
func (b Casework) MessageRaw(ctx context.Context, who string, id int64) (Download, error) {
	raw, err := b.RawMessage(ctx, who, id)
	if err != nil {
		return Download{}, err
	}
	if raw == nil {
		return Download{}, intake.Errorf(intake.ENOTFOUND, "Message %d's bytes are no longer kept (purged after the retention period).", id)
	}
	return bytesDownload(fmt.Sprintf("message-%d.eml", id), raw), nil
}

// Pack builds the rapid review pack of case ref for who (recorded as an
// information share).
func (b Casework) Pack(ctx context.Context, who, ref string) (Download, error) {
	p, err := b.BuildPack(ctx, who, ref)
	if err != nil {
		return Download{}, err
	}
	return bytesDownload(p.Name, p.Data), nil
}

func bytesDownload(name string, b []byte) Download {
	return Download{Name: name, Size: int64(len(b)), Body: io.NopCloser(bytes.NewReader(b))}
}
