package web

import (
	"context"
	"slices"
	"strings"

	"github.com/kscmp/intake"
)

// CasePage returns case ref as who sees it; casework records the view.
func (b Casework) CasePage(ctx context.Context, who, ref string) (CaseView, error) {
	cv, err := b.ViewCase(ctx, who, ref)
	if err != nil {
		return CaseView{}, err
	}
	c, s := cv.Case, cv.Schedule
	v := CaseView{Choices: b.choices(c, &s), State: c.State, Child: c.Referral.ChildName, Referrer: c.Referrer,
		Received: c.Received, Paused: s.Paused, AtRisk: s.AtRisk, Day1: c.Day1, AwareDate: c.AwareDate}
	v.CanDecide = c.AwaitsRoute()
	v.CanRecordOutcome = c.State.Accepted() && c.Outcome == nil
	v.CanAmendOutcome = c.MayAmendOutcome()
	v.CanResume = c.HeldByPerson()
	v.CanPause = c.State.IsOpen() && !c.HeldByPerson()
	v.CanWithdraw = c.State.IsOpen()
	v.CanClose = c.State == intake.StateDecided
	v.CanMerge = c.MayMerge()

	v.Fields = referralFields(c)
	v.Screening = screeningView(c.Screening)
	if r := c.Route; r != nil {
		what := intake.Capitalise(r.Route.Words())
		if r.To != "" {
			what += ": " + neighbourName(b, r.To)
		}
		if r.LocalLearning {
			what += ", kept as local learning"
		}
		v.Route = &RecordView{What: what, Why: r.Reason, By: r.By, At: r.At}
	}
	if cl := c.Closure; cl != nil {
		v.Closure = &RecordView{What: strings.ReplaceAll(cl.Reason, "_", " "), Why: cl.Note, By: cl.By, At: cl.At}
	}
	v.Statutory = b.clockSteps(s.Statutory, s.Paused)
	v.Timetable = b.clockSteps(s.RapidReview, s.Paused)
	v.Referrals, v.Correspondence, v.Pauses, v.Outcome = c.Referrals, c.Correspondence, c.Pauses, c.Outcome
	for _, r := range s.Requests {
		v.Requests = append(v.Requests, RequestView{Agency: r.Agency, AgencyName: r.AgencyName, To: r.To, RequestedAt: r.RequestedAt,
			Due: r.Due, Status: intake.Capitalise(r.Status.Words()), Overdue: r.Status == intake.SummaryOverdue, Open: r.Open() && c.State.IsOpen(),
			ReceivedAt: r.ReceivedAt, By: r.By, Note: r.Note, Bounced: r.Bounced, Extensions: r.Extensions, MessageID: r.Message})
	}
	for i := len(cv.Emails) - 1; i >= 0; i-- {
		v.Emails = append(v.Emails, emailView(cv.Emails[i]))
	}
	v.Audit, v.Access, v.AccessCount = cv.Audit, cv.Access[:min(len(cv.Access), accessShown)], len(cv.Access)
	return v, nil
}

// accessShown is how many of the latest views and downloads a case page
// lists (the page stays quick however often the case is opened).
const accessShown = 20

// referralFields lists the referral's answers in form order with where
// each came from, and the required answers it lacks.
func referralFields(c *intake.Case) []FieldView {
	answers := c.Referral.Fields()
	var out []FieldView
	for _, k := range intake.ReferralKeys() {
		a, ok := answers[k]
		missing := slices.Contains(c.Screening.Missing, k)
		if !ok && !missing {
			continue
		}
		f := FieldView{Key: k, Label: intake.FieldLabel(k), Source: c.Sources[k], Missing: !ok}
		if ok {
			f.Value = intake.AnswerWords(a)
		}
		out = append(out, f)
	}
	return out
}

// screeningView writes screening's advice in words.
func screeningView(s intake.Screening) Screening {
	out := Screening{Verdict: verdictWords(s.Verdict)}
	for _, k := range s.Missing {
		out.Missing = append(out.Missing, intake.FieldLabel(k))
	}
	for _, k := range intake.Criteria {
		switch {
		case slices.Contains(s.Failed, k):
			out.Failed = append(out.Failed, intake.FieldLabel(k))
		case !slices.Contains(s.Missing, k):
			out.Met = append(out.Met, intake.FieldLabel(k))
		}
	}
	for _, f := range s.Flags {
		out.Flags = append(out.Flags, Flag{Key: f, Words: intake.Capitalise(intake.FlagWords(f))})
	}
	return out
}

func verdictWords(v string) string {
	switch v {
	case intake.VerdictMeetsCriteria:
		return "Meets the criteria for a rapid review"
	case intake.VerdictIncomplete:
		return "Information is missing: the criteria cannot be judged yet"
	case intake.VerdictDoesNotMeet:
		return "Does not meet the criteria (a criterion was answered no)"
	}
	return v
}

func neighbourName(b Casework, key string) string {
	for _, nb := range b.Policy.Neighbours {
		if nb.Key == key {
			return nb.Name
		}
	}
	return key
}

// clockSteps turns a clock's steps into rows with their status.
func (b Casework) clockSteps(steps []intake.StepStatus, paused bool) []ClockStep {
	recordable := b.RecordableSteps()
	today := intake.StartOfDay(b.Clock.Now())
	var out []ClockStep
	for _, st := range steps {
		cs := ClockStep{Key: st.Name, Day: st.Day, Title: st.Title, Owner: ownerWords(st.Owner), Due: st.Due}
		switch {
		case st.NotApplicable:
			cs.Status = StepNotApplicable
		case st.Done:
			cs.Status = StepDone
			cs.DoneOn, cs.DoneBy, cs.How = st.Record.Done, st.Record.By, st.Record.How
		case st.Overdue:
			cs.Status = StepOverdue
		case paused && st.Clock == intake.RapidReviewClock:
			cs.Status = StepPaused
		case !st.Due.IsZero() && intake.StartOfDay(st.Due).Equal(today):
			cs.Status = StepDueToday
		default:
			cs.Status = StepUpcoming
		}
		cs.Recordable = slices.Contains(recordable, st.Name) && !st.Done && !st.NotApplicable
		out = append(out, cs)
	}
	return out
}

func ownerWords(o string) string {
	switch o {
	case intake.OwnerIntake:
		return "intake"
	case intake.OwnerSPOCs:
		return "each agency's single point of contact"
	case intake.OwnerLocalAuthority:
		return "the local authority"
	case intake.OwnerBusinessTeam:
		return "the partnership team"
	case intake.OwnerRapidReviewGroup:
		return "the Rapid Review Group"
	case intake.OwnerChair:
		return "the Rapid Review Group's chair"
	}
	return o
}

// noticeWords are the kinds of email in words.
var noticeWords = map[intake.NoticeKind]string{
	intake.NoticeAcknowledgement: "Acknowledgement", intake.NoticeReferrerReminder: "Reminder to the referrer",
	intake.NoticeSummaryRequest: "Summary request", intake.NoticeChaser: "Chaser", intake.NoticeEscalation: "Escalation to the business team",
	intake.NoticeSummaryReceipt: "Summary receipt", intake.NoticeOutcome: "Outcome", intake.NoticeLinkedReferral: "Linked referral (to the business team)",
	intake.NoticeDigest: "Daily digest", intake.NoticeAccepted: "Accepted (to the referrer)", intake.NoticeInformationRequest: "Request for information",
	intake.NoticeNotAccepted: "Not accepted (to the referrer)", intake.NoticeRedirect: "Referral forwarded", intake.NoticeRedirected: "Redirected (to the referrer)",
	intake.NoticeDueDateChanged: "New due date", intake.NoticeRequestWithdrawn: "Request withdrawn",
}

func emailView(r intake.OutboxRow) Email {
	kind, ok := noticeWords[r.Kind]
	if !ok {
		kind = intake.Capitalise(strings.ReplaceAll(string(r.Kind), "_", " "))
	}
	e := Email{ID: r.ID, CaseRef: r.CaseRef, Kind: kind, To: r.Notice.To, State: r.State, Attempts: r.Attempts,
		LastError: r.LastError, CreatedAt: r.CreatedAt, SentAt: r.SentAt,
		CanRetry: r.State == intake.OutboxFailed || r.State == intake.OutboxBounced, CanRelease: r.State == intake.OutboxHeld}
	if r.State == intake.OutboxPending || r.State == intake.OutboxSending {
		e.NextAttempt = r.NextAttemptAt
	}
	return e
}
