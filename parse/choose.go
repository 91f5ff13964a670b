package parse

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse/form"
)

// minFormKeys is how many canonical keys a text must carry to be taken
// for a form: fewer is an ordinary email that happens to say "Agency:".
// A message whose headers name a case needs only one.
const minFormKeys = 3

// chooseForm maps every candidate through the label table and returns the
// one that is most a form (most canonical keys), or nil. Attachments win
// ties over the body.
func chooseForm(cs []*formCandidate, opts Options, minKeys int) *formCandidate {
	var best *formCandidate
	t := opts.Labels
	for _, c := range cs {
		if c.Err != nil {
			continue
		}
		raws := prepareFields(t, c.Ext.Fields, opts.AreaNames)
		kind := formKind(t, raws, c.Hint+" "+c.text[:min(len(c.text), 300)])
		c.match = mapper{t: t, agencies: opts.Agencies}.mapFields(raws, kind)
		if c.match.Keys < minKeys {
			continue
		}
		if best == nil || c.match.Keys > best.match.Keys {
			best = c
		}
	}
	return best
}

var reCaseRefKey = regexp.MustCompile(`\s+`)

// applyForm fills a result from the chosen form, or says why there is
// none.
func applyForm(res *Result, cs []*formCandidate, best *formCandidate, opts Options) {
	for _, c := range cs {
		if c == best {
			continue
		}
		var ue *form.UnreadableError
		if c.Err != nil && c.Form {
			reason := "could not be read"
			if errors.As(c.Err, &ue) {
				reason = ue.Reason
			}
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: %s", strings.TrimPrefix(c.Source, "attachment:"), reason))
		}
	}
	if best == nil {
		for _, c := range cs {
			if c.Err != nil && c.Form {
				res.Kind = KindUnreadable
				res.Source = c.Source
				return
			}
		}
		res.Kind = KindOther
		return
	}
	res.Kind = best.match.Kind
	res.Source = best.Source
	res.Fields = best.match.Fields
	if v, ok := res.Fields["case_ref"].(string); ok {
		res.Fields["case_ref"] = reCaseRefKey.ReplaceAllString(v, " ")
	}
	res.Warnings = append(res.Warnings, best.Ext.Warnings...)
	res.Warnings = append(res.Warnings, best.match.Warnings...)
	if res.Kind == KindReferral {
		deriveInArea(res.Fields, opts.AreaNames)
		ref := res.Date
		if ref.IsZero() {
			if s, _ := res.Fields["referral_date"].(string); s != "" {
				ref, _ = time.Parse("2006-01-02", s)
			}
			if ref.IsZero() && opts.Now != nil {
				ref = opts.Now()
			}
		}
		s := opts.Screening().Screen(intake.ReferralFromFields(res.Fields), ref)
		res.Screening = &s
	}
}
