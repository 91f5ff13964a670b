package casework

import (
	"fmt"
	"strings"
	"time"

	"github.com/kscmp/intake"
)

// referral files a referral. A referral quoting a case's reference from
// that case's referrer, about the same child, supplies what was missing;
// one quoting it about a different child is a new referral; one quoting
// it from anyone else waits for a person. A referral for the same child
// and incident as an open case (by date of birth, name and incident date)
// is linked to it. Anything else opens a new case, received and screened,
// waiting for a person to accept or route it: no agency is asked until
// then (unless the configured auto-accept rule applies).
func (f *filing) referral() (string, string, error) {
	r := intake.ReferralFromFields(f.res.Fields)
	if ref := f.caseRef; ref != "" {
		c, err := f.tx.Case(ref)
		switch {
		case intake.ErrorCode(err) == intake.ENOTFOUND:
			// A reference to no case of ours: an ordinary new referral.
		case err != nil:
			return "", "", err
		case differentChild(c.Child(), r.Identity()):
			// A reply quoting a reference about a different child is a new
			// referral, not an update (docs/design.md, Trust).
			return f.newCase(r, fmt.Sprintf("quoted %s but is about a different child", ref))
		case f.fromReferrer(c):
			return f.supplied(c, r)
		default:
			return f.needsPerson(c.Ref, fmt.Sprintf("a referral quoting %s from %s, who is not that case's referrer: link it to the case, or open a new case from it", c.Ref, f.senderWords()))
		}
	}
	if c, err := f.linkTarget(r.Identity()); err != nil {
		return "", "", err
	} else if c != nil {
		return f.linked(c, r)
	}
	return f.newCase(r, "")
}

// differentChild reports whether two identities certainly name different
// children: both give a date of birth and they differ, or both give a
// name and neither the names nor (where one is initials) the initials
// agree.
func differentChild(a, b intake.ChildIdentity) bool {
	if a.DOB != "" && b.DOB != "" && a.DOB != b.DOB {
		return true
	}
	if a.Name == "" || b.Name == "" {
		return false
	}
	na, nb := intake.NormalizeName(a.Name), intake.NormalizeName(b.Name)
	return na != nb && intake.Initials(a.Name) != intake.Initials(b.Name)
}

// newCase opens a case for referral r.
func (f *filing) newCase(r intake.Referral, why string) (string, string, error) {
	p := f.cw.Policy
	ref, err := f.tx.NextCaseRef(p.CaseRefPrefix, f.now.In(intake.London).Year())
	if err != nil {
		return "", "", err
	}
	received := f.receivedAt()
	_, unknown := p.Agencies.ForReferral(r.AgenciesInvolved)
	c := &intake.Case{
		Ref: ref, State: intake.StateReceived, CreatedAt: f.now, UpdatedAt: f.now,
		Received: received, Day1: p.Timetable.Day1(p.Calendar, received), AwareDate: isoDay(r.AwareDate),
		Referral: r, Sources: sourcesOf(r, f.sourceWords()),
		Referrals:         []intake.CaseReferral{f.caseReferral(false)},
		Referrer:          f.sender(),
		ReferrerMessageID: f.res.MessageID,
		Screening:         p.Screening.Screen(r, f.judgedAt()),
		UnknownAgencies:   unknown,
	}
	if err := f.tx.CreateCase(c); err != nil {
		return "", "", err
	}
	f.caseRef = c.Ref
	if err := f.audit("case.created", c.Ref, f.msg.ID, "referral screened %s; flags: %s; waiting for a person to accept or route it%s",
		c.Screening.Verdict, flagList(c.Screening.Flags), suffix(why)); err != nil {
		return "", "", err
	}
	if err := f.acknowledge(c, "acknowledgement:"+c.Ref); err != nil {
		return "", "", err
	}
	if err := f.autoAccept(c); err != nil {
		return "", "", err
	}
	if err := f.save(c); err != nil {
		return "", "", err
	}
	return intake.MessageProcessed, fmt.Sprintf("new case, screened %s, %d agency names unknown%s", c.Screening.Verdict, len(unknown), suffix(why)), nil
}

// autoAccept accepts a new case itself when the configured rule applies
// (an authenticated sender on the list, every criterion met, nothing
// flagged a person must weigh), and records the local authority's
// notification when the referral is that notification.
func (f *filing) autoAccept(c *intake.Case) error {
	p := f.cw.Policy
	auth := f.authenticated()
	if auth && p.AutoAccept.Sends(f.sender()) {
		c.Steps = append(c.Steps, intake.StepRecord{Step: intake.StepNotification, Done: intake.StartOfDay(c.Received),
			How: fmt.Sprintf("the local authority's notification arrived as this referral (message %d)", f.msg.ID), By: "local authority (notification email)", RecordedAt: f.now})
		if err := f.audit("step.recorded", c.Ref, f.msg.ID, "%s: the notification itself arrived", intake.StepNotification); err != nil {
			return err
		}
	}
	if !p.AutoAccept.Applies(f.sender(), auth, c.Screening) {
		return nil
	}
	return f.accept(c, intake.RouteDecision{Route: intake.RouteAccept, Auto: true, By: Intake, At: f.now,
		Reason: "accepted automatically: the local authority's notification, from its notification address, meets every criterion"})
}

// linkTarget returns the open case for the same child and incident, if
// any: the oldest within the window.
func (f *filing) linkTarget(child intake.ChildIdentity) (*intake.Case, error) {
	if child.DOB == "" {
		return nil, nil
	}
	cands, err := f.tx.Cases(intake.CaseFilter{ChildDOB: child.DOB})
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		if c.State != intake.StateClosed && intake.SameChildAndIncident(c.Child(), child, f.cw.Policy.LinkWindowDays) {
			return c, nil
		}
	}
	return nil, nil
}

// linked joins a further referral (another referrer, the same child and
// incident) to case c: the business team is told, the referrer is
// acknowledged, and nothing else changes: its answers do not replace the
// case's, and the agencies it names are listed for a person, not asked.
func (f *filing) linked(c *intake.Case, r intake.Referral) (string, string, error) {
	f.caseRef = c.Ref
	c.Referrals = append(c.Referrals, f.caseReferral(true))
	_, unknown := f.cw.Policy.Agencies.ForReferral(r.AgenciesInvolved)
	notAsked := f.namedNotAsked(c, r)
	note := fmt.Sprintf("A further referral (message %d) for the same child and incident was linked to %s.", f.msg.ID, c.Ref)
	if len(notAsked)+len(unknown) > 0 {
		note += " It names agencies the case has not asked: " + strings.Join(append(notAsked, unknown...), ", ") + ". Add them on the case if they should be asked."
	}
	if err := f.audit("case.linked", c.Ref, f.msg.ID, "a further referral for the same child and incident, linked by intake"); err != nil {
		return "", "", err
	}
	if err := f.queue(intake.Notice{Key: fmt.Sprintf("linked_referral:%s:%d", c.Ref, f.msg.ID), Kind: intake.NoticeLinkedReferral,
		CaseRef: c.Ref, To: f.cw.Policy.BusinessTeam, Note: note}); err != nil {
		return "", "", err
	}
	if err := f.acknowledge(c, fmt.Sprintf("acknowledgement:%s:%d", c.Ref, f.msg.ID)); err != nil {
		return "", "", err
	}
	return intake.MessageProcessed, "linked to an existing case as a further referral", f.save(c)
}

// namedNotAsked lists the configured agencies r names that case c has
// no request for.
func (f *filing) namedNotAsked(c *intake.Case, r intake.Referral) []string {
	ask, _ := f.cw.Policy.Agencies.ForReferral(r.AgenciesInvolved)
	var out []string
	for _, a := range ask {
		if _, ok := c.RequestFor(a.Key); !ok && !a.Core {
			out = append(out, a.Name)
		}
	}
	return out
}

// supplied takes the referrer's further answers on their own case: each
// answer the case lacks is filled in (an answer already given is never
// replaced by email: a person corrects it), and the referral screened
// again. A case waiting for its referrer that now has everything asked
// for is back with a person to accept or route.
func (f *filing) supplied(c *intake.Case, r intake.Referral) (string, string, error) {
	f.caseRef = c.Ref
	c.Referrals = append(c.Referrals, f.caseReferral(true))
	filled := fillBlanks(c, r, f.sourceWords())
	if err := f.screenAgain(c, "case.supplied", f.msg.ID, fmt.Sprintf("the referrer supplied %d answers", len(filled)),
		"the referrer supplied the information asked for"); err != nil {
		return "", "", err
	}
	if err := f.acknowledge(c, fmt.Sprintf("acknowledgement:%s:%d", c.Ref, f.msg.ID)); err != nil {
		return "", "", err
	}
	return intake.MessageProcessed, fmt.Sprintf("the referrer supplied %d answers", len(filled)), f.save(c)
}

// backToPerson returns a case waiting for its referrer to a person's
// decision, ending the pause.
func (w *work) backToPerson(c *intake.Case, why string) error {
	if err := intake.CheckTransition(c.State, intake.StateReceived); err != nil {
		return err
	}
	c.State = intake.StateReceived
	c.AwaitingReferrerSince = time.Time{}
	endPause(c, w.who, why, w.now)
	return w.audit("case.state", c.Ref, 0, "awaiting_referrer -> received: %s; waiting for a person to accept or route it", why)
}

// screenAgain screens c's referral again after its answers changed and
// audits that as action on message, saying what changed and the verdict;
// a case waiting for its referrer that now has everything asked for goes
// back to a person, for the reason why.
func (w *work) screenAgain(c *intake.Case, action string, message int64, what, why string) error {
	c.Screening = w.cw.Policy.Screening.Screen(c.Referral, intake.StartOfDay(c.Received))
	if err := w.audit(action, c.Ref, message, "%s; screened %s", what, c.Screening.Verdict); err != nil {
		return err
	}
	if c.State == intake.StateAwaitingReferrer && len(c.StillMissing()) == 0 {
		return w.backToPerson(c, why)
	}
	return nil
}

// fillBlanks fills the answers c's referral lacks from r and returns
// their keys.
func fillBlanks(c *intake.Case, r intake.Referral, source string) []string {
	have := c.Referral.Fields()
	merged := c.Referral.Fields()
	var filled []string
	for k, v := range r.Fields() {
		if _, ok := have[k]; !ok {
			merged[k] = v
			filled = append(filled, k)
			if c.Sources == nil {
				c.Sources = map[string]string{}
			}
			c.Sources[k] = source
		}
	}
	c.Referral = intake.ReferralFromFields(merged)
	return filled
}

// sourcesOf says, for each answer of r, where it came from.
func sourcesOf(r intake.Referral, source string) map[string]string {
	out := map[string]string{}
	for k := range r.Fields() {
		out[k] = source
	}
	return out
}

func (f *filing) caseReferral(linked bool) intake.CaseReferral {
	return intake.CaseReferral{Message: f.msg.ID, MessageID: f.res.MessageID, From: f.sender(), Linked: linked, At: f.now, By: Intake, Source: f.res.Source}
}

// sourceWords says where this message's answers came from.
func (f *filing) sourceWords() string {
	where := "the email body"
	if name, ok := strings.CutPrefix(f.res.Source, "attachment:"); ok {
		where = "the attachment " + name
	}
	return fmt.Sprintf("message %d (%s)", f.msg.ID, where)
}

// receivedAt is when the partnership received the message: the server's
// arrival time, else its Date, else now.
func (f *filing) receivedAt() time.Time {
	for _, t := range []time.Time{f.msg.ReceivedAt, f.res.Date} {
		if !t.IsZero() {
			return t
		}
	}
	return f.now
}

// judgedAt is the day screening judges the referral on: its arrival.
func (f *filing) judgedAt() time.Time { return intake.StartOfDay(f.receivedAt()) }

func isoDay(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, intake.London)
	if err != nil {
		return time.Time{}
	}
	return t
}

func flagList(flags []string) string {
	if len(flags) == 0 {
		return "none"
	}
	return strings.Join(flags, ", ")
}

func suffix(why string) string {
	if why == "" {
		return ""
	}
	return "; " + why
}
