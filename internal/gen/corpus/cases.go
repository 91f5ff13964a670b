package main

import (
	"fmt"
	"strings"
)

// referral is the truth of one referral: what the referrer knows, before
// any form words it.
type referral struct {
	referrer                      person
	role, agency, email, phone    string
	referralDate                  day
	child                         person
	dob                           day
	ageOnly                       bool // the referrer knows only the age
	age                           int
	gender, ethnicity             string
	address, postcode, homeLA     string
	legal                         string
	lookedAfter                   bool
	incident, aware               day
	location                      string
	harm                          string // died, seriously_harmed
	harmWords                     string // how the referrer says it
	abuse                         []string
	otherAbuse                    string // written beside a ticked "Other"
	abuseOrNeglect                string // known, suspected, not_suspected
	suicide, regulated, police    bool
	summary, learning, actions    string
	agencies                      []string
	agreedBy                      string
	died, linked, inArea, lessons bool // the criteria answers
	agreed                        bool
}

// summary is the truth of one agency summary.
type summary struct {
	caseRef                  string
	agency                   string
	author                   person
	role, email              string
	completed                day
	child                    person
	dob                      day
	involved                 bool
	from, to                 day
	toPresent                bool
	text, analysis, learning string
	actions, recommendations string
	signedOff                string
	requestID                string // the Message-ID of the request it answers
}

var ethnicities = []string{"White British", "Mixed – White and Black Caribbean", "Asian British – Pakistani", "Black British – African",
	"White – Gypsy or Irish Traveller", "Any other White background", "Chinese", "White Irish"}

var legalStatuses = []string{"Child in need", "Child protection plan", "Looked after (section 20)", "Looked after (care order)",
	"None – early help", "No involvement with children's social care", "Child in need (CIN) plan"}

// newReferral draws a referral for a partnership.
func newReferral(p *partnership, s *style, n int) *referral {
	r := &referral{}
	r.referrer = s.person()
	ag := pick(s.rng, p.referrerAgencies)
	r.agency = ag.name
	r.role = pick(s.rng, ag.roles)
	r.email = email(r.referrer, ag.domain)
	r.phone = fmt.Sprintf("0%d %06d", 1000+s.rng.IntN(8999), s.rng.IntN(1000000))
	r.incident = day{2026, 9 + s.rng.IntN(3), 1 + s.rng.IntN(28)}
	r.aware = r.incident.add(s.rng.IntN(3))
	r.referralDate = r.aware.add(1 + s.rng.IntN(4))
	r.child = s.child()
	age := 1 + s.rng.IntN(16)
	r.dob = day{2026 - age - 1, 1 + s.rng.IntN(12), 1 + s.rng.IntN(28)}
	r.age = age
	r.ageOnly = n%11 == 7
	r.gender = pick(s.rng, []string{"Male", "Female", "Female", "Male", "Non-binary"})
	r.ethnicity = pick(s.rng, ethnicities)
	town := pick(s.rng, p.towns)
	r.address = fmt.Sprintf("%d %s\n%s", 2+s.rng.IntN(90), pick(s.rng, streets), town)
	r.postcode = fmt.Sprintf("%s%d %d%s", p.postcodeArea, 1+s.rng.IntN(9), 1+s.rng.IntN(9), pick(s.rng, []string{"AB", "DX", "HL", "QT", "RW", "ZE"}))
	r.homeLA = p.area[0]
	if n%9 == 4 {
		r.homeLA = pick(s.rng, neighbours)
	}
	r.legal = pick(s.rng, legalStatuses)
	r.lookedAfter = strings.HasPrefix(r.legal, "Looked after")
	r.location = pick(s.rng, []string{"the family home", "a friend's flat in " + town, town + " Leisure Centre", "a park in " + town, "a children's home in " + town, "school"})
	r.regulated = strings.Contains(r.location, "children's home")
	if s.rng.IntN(3) == 0 {
		r.harm, r.harmWords = "died", pick(s.rng, []string{"Died", "Death", "The child died", "Child died"})
	} else {
		r.harm, r.harmWords = "seriously_harmed", pick(s.rng, []string{"Seriously harmed", "Serious harm", "Serious injury", "Near fatal incident", "Seriously injured"})
	}
	all := []string{"physical", "sexual", "emotional", "neglect"}
	for _, a := range all {
		if s.rng.IntN(3) == 0 {
			r.abuse = append(r.abuse, a)
		}
	}
	if len(r.abuse) == 0 {
		r.abuse = []string{pick(s.rng, all)}
	}
	if n%7 == 3 {
		r.abuse = append(r.abuse, "other")
		r.otherAbuse = pick(s.rng, []string{"Criminal exploitation", "Online harm", "Domestic abuse in the household"})
	}
	r.abuseOrNeglect = pick(s.rng, []string{"known", "suspected", "suspected", "known"})
	if n%13 == 5 {
		r.abuseOrNeglect = "not_suspected"
	}
	r.suicide = r.harm == "died" && s.rng.IntN(3) == 0
	r.police = s.rng.IntN(4) != 0
	first := r.child.first
	r.summary = pick(s.rng, []string{
		first + " was brought to " + p.hospital + " with a head injury.\nThe explanation given by the adults did not match the injury.",
		first + " was found unresponsive at home by a parent and taken to " + p.hospital + ".\nParamedics noted bruising of different ages.",
		"Police were called to the home after neighbours heard shouting.\n" + first + " had a fractured arm and had not been taken for treatment.",
		first + " disclosed to a teacher that an adult in the home had hurt them.\nA medical examination found injuries consistent with the account.",
	})
	r.learning = pick(s.rng, []string{
		"Several agencies knew of concerns but did not share them.",
		"Information about earlier injuries was held by health and school but not brought together.",
		"Escalation between agencies did not happen when the plan was not followed.",
	})
	r.actions = pick(s.rng, []string{
		"Siblings are staying with grandparents under a safety plan.",
		"A strategy meeting was held the next day; a section 47 enquiry is under way.",
		"The other children in the household have been seen and are safe.",
	})
	r.agencies = pickAgencies(p, s)
	r.agreedBy = pick(s.rng, []string{"Dr ", "", ""}) + s.person().String() + ", " + pick(s.rng, []string{"Director of Children's Services", "Designated Nurse", "Head of Safeguarding", "Detective Superintendent"})
	r.died, r.linked, r.inArea, r.lessons, r.agreed = true, r.abuseOrNeglect != "not_suspected", r.homeLA == p.area[0], n%8 != 6, true
	return r
}

// pickAgencies draws two to four of a partnership's agencies.
func pickAgencies(p *partnership, s *style) []string {
	idx := s.rng.Perm(len(p.agencies))
	k := 2 + s.rng.IntN(3)
	var out []string
	for _, i := range idx[:k] {
		out = append(out, p.agencies[i].name)
	}
	return out
}

// newSummary draws an agency summary about a referral's child.
func newSummary(p *partnership, s *style, r *referral, n int) *summary {
	m := &summary{}
	ag := p.agencies[s.rng.IntN(len(p.agencies))]
	m.agency = ag.name
	m.caseRef = p.caseRef(100 + n*7)
	m.author = s.person()
	m.role = pick(s.rng, []string{"Named Nurse for Safeguarding", "Safeguarding Lead", "Detective Sergeant, Public Protection", "Team Manager", "Designated Safeguarding Lead", "Head of Service"})
	m.email = email(m.author, ag.domain)
	m.completed = r.referralDate.add(5 + s.rng.IntN(4))
	m.child = r.child
	m.dob = r.dob
	m.involved = n%10 != 9
	m.from = day{2023 + s.rng.IntN(3), 1 + s.rng.IntN(12), 1 + s.rng.IntN(28)}
	m.to = r.incident
	m.toPresent = n%4 == 1
	first := r.child.first
	m.text = pick(s.rng, []string{
		"The agency first met " + first + " at a routine contact.\nThere were three further contacts, the last two weeks before the incident.",
		first + " was seen at clinic four times.\nOne appointment was missed and was followed up by letter only.",
		"Officers attended the address twice for reports of a disturbance.\nNo referral to children's social care was made after the second visit.",
	})
	m.analysis = pick(s.rng, []string{
		"Staff recognised the risk but did not escalate when the family disengaged.",
		"Good practice: the school nurse recorded the disclosure in detail.\nConcern: the missed appointment was not shared with the GP.",
	})
	m.learning = pick(s.rng, []string{
		"Missed appointments for a child need a named person to follow them up.",
		"Information about adults in the household must be shared at the strategy meeting.",
	})
	m.actions = pick(s.rng, []string{"Supervision arrangements have been reviewed.", "A briefing has gone to all staff on escalation."})
	m.recommendations = pick(s.rng, []string{"Audit the use of the escalation policy.", "Review how missed appointments are followed up."})
	m.signedOff = s.person().String() + ", " + pick(s.rng, []string{"Head of Safeguarding", "Director of Nursing", "Detective Chief Inspector"})
	return m
}

var streets = []string{"Mill Lane", "Orchard Close", "Station Road", "Kiln Row", "Ferry Street", "Rowan Way", "Chapel Walk", "Quarry Hill"}

var neighbours = []string{"Lanthorne", "Westerby", "Greymoor"}
