package labels

import (
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed labels_default.toml
var defaultLabelsTOML string

// Forms a canonical key belongs to.
const (
	FormReferral = "referral"
	FormSummary  = "agency_summary"
	FormBoth     = "both"
)

// KeySpec is one canonical key of the form contract (`intake parse --json`): which form carries it, how its
// value is normalised, and the wordings printed beside it on the forms.
type KeySpec struct {
	Key    string
	Form   string              // referral, agency_summary or both
	Type   string              // text, date, bool, age, email, harm_outcome, abuse_types, abuse_or_neglect, list
	Labels []string            // wordings, as written in the table
	Option map[string][]string // enumerations: option -> wordings of a row that ticks it
	Words  []string            // word rules of the fallback, as written in the table
	rules  []wordRule
}

// Table maps the wordings of the partnerships' forms onto canonical
// keys. Matching tolerates case, punctuation, numbering ("3a.") and tails
// such as "(please specify)"; see Norm.
type Table struct {
	keys      map[string]*KeySpec
	byWording map[string][]Match
	ruleKeys  []string // keys with word rules, sorted
	cache     *lookupCache
}

// Match is what one wording means: a canonical key, or one option of
// an enumerated key (Option is then set, e.g. abuse_types / neglect).
type Match struct {
	Key    string
	Option string
}

type tomlTable struct {
	Keys map[string]struct {
		Form    string              `toml:"form"`
		Type    string              `toml:"type"`
		Labels  []string            `toml:"labels"`
		Options map[string][]string `toml:"options"`
		Words   []string            `toml:"words"`
	} `toml:"keys"`
}

// builtin is the embedded table, read once; callers get copies.
var builtin = mustBuiltin()

func mustBuiltin() *Table {
	t := &Table{keys: map[string]*KeySpec{}, byWording: map[string][]Match{}, cache: &lookupCache{}}
	if err := t.merge(strings.NewReader(defaultLabelsTOML), true); err != nil {
		panic(err)
	}
	return t
}

// Default returns a copy of the embedded default table.
func Default() *Table { return builtin.clone() }

// Load reads a TOML label table and returns the default table
// with its wordings added. The file names canonical keys only:
//
//	[keys.incident_date]
//	labels = ["Date the young person was harmed"]
//	[keys.abuse_types.options]
//	neglect = ["Neglect / poor supervision"]
func Load(r io.Reader) (*Table, error) {
	t := builtin.clone()
	if err := t.merge(r, false); err != nil {
		return nil, err
	}
	return t, nil
}

// AddWordings adds wordings for a canonical key (or, with option set, for
// one option of an enumerated key). An added wording that the table
// already gives another key of the same form is taken for the new key
// first: configuration overrides the defaults.
func (t *Table) AddWordings(key, option string, wordings ...string) error {
	return t.addWordings(key, option, true, wordings...)
}

func (t *Table) addWordings(key, option string, front bool, wordings ...string) error {
	ks, ok := t.keys[key]
	if !ok {
		return fmt.Errorf("parse: label table: unknown key %q", key)
	}
	for _, w := range wordings {
		if option == "" {
			ks.Labels = append(ks.Labels, w)
		} else {
			if ks.Option == nil {
				return fmt.Errorf("parse: label table: key %q has no options", key)
			}
			ks.Option[option] = append(ks.Option[option], w)
		}
		t.index(w, Match{Key: key, Option: option}, front)
	}
	return nil
}

func (t *Table) merge(r io.Reader, define bool) error {
	var tt tomlTable
	md, err := toml.NewDecoder(r).Decode(&tt)
	if err != nil {
		return fmt.Errorf("parse: reading label table: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("parse: reading label table: unknown setting %s", und[0])
	}
	names := make([]string, 0, len(tt.Keys))
	for k := range tt.Keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		e := tt.Keys[name]
		if define {
			ks := &KeySpec{Key: name, Form: e.Form, Type: e.Type}
			if ks.Type == "" {
				ks.Type = "text"
			}
			if len(e.Options) > 0 {
				ks.Option = map[string][]string{}
				for o := range e.Options {
					ks.Option[o] = nil
				}
			}
			t.keys[name] = ks
			t.index(strings.ReplaceAll(name, "_", " "), Match{Key: name}, false)
		} else if e.Form != "" || e.Type != "" {
			return fmt.Errorf("parse: label table: %s: form and type are fixed, only labels and options may be added", name)
		}
		if err := t.addWordings(name, "", !define, e.Labels...); err != nil {
			return err
		}
		if err := t.addRules(name, e.Words...); err != nil {
			return err
		}
		for o, ws := range e.Options {
			if ks := t.keys[name]; ks.Option != nil {
				if _, ok := ks.Option[o]; !ok {
					return fmt.Errorf("parse: label table: key %q has no option %q", name, o)
				}
			}
			if err := t.addWordings(name, o, !define, ws...); err != nil {
				return err
			}
		}
	}
	return nil
}

// notVetoed drops the matches whose key's word rules veto one of words.
func (t *Table) notVetoed(ms []Match, words []string) []Match {
	var out []Match
	for _, m := range ms {
		vetoed := false
		for _, r := range t.keys[m.Key].rules {
			for _, w := range words {
				vetoed = vetoed || stemHit(w, r.veto)
			}
		}
		if !vetoed {
			out = append(out, m)
		}
	}
	return out
}

// addRules adds word rules (see wordRule) for a canonical key.
func (t *Table) addRules(key string, rules ...string) error {
	ks, ok := t.keys[key]
	if !ok {
		return fmt.Errorf("parse: label table: unknown key %q", key)
	}
	t.cache.reset()
	for _, s := range rules {
		r, err := parseWordRule(s)
		if err != nil {
			return err
		}
		ks.Words = append(ks.Words, s)
		ks.rules = append(ks.rules, r)
	}
	if len(rules) > 0 && !containsString(t.ruleKeys, key) {
		t.ruleKeys = append(t.ruleKeys, key)
		sort.Strings(t.ruleKeys)
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (t *Table) index(wording string, m Match, front bool) {
	t.cache.reset()
	n := Norm(wording)
	if n == "" {
		return
	}
	var rest []Match
	for _, have := range t.byWording[n] {
		if have == m {
			if !front {
				return
			}
			continue
		}
		rest = append(rest, have)
	}
	if front {
		t.byWording[n] = append([]Match{m}, rest...)
	} else {
		t.byWording[n] = append(rest, m)
	}
}

func (t *Table) clone() *Table {
	c := &Table{keys: map[string]*KeySpec{}, byWording: map[string][]Match{}, cache: &lookupCache{}}
	for k, ks := range t.keys {
		cp := *ks
		cp.Labels = append([]string(nil), ks.Labels...)
		cp.Words = append([]string(nil), ks.Words...)
		cp.rules = append([]wordRule(nil), ks.rules...)
		if ks.Option != nil {
			cp.Option = map[string][]string{}
			for o, ws := range ks.Option {
				cp.Option[o] = append([]string(nil), ws...)
			}
		}
		c.keys[k] = &cp
	}
	for w, ms := range t.byWording {
		c.byWording[w] = append([]Match(nil), ms...)
	}
	c.ruleKeys = append([]string(nil), t.ruleKeys...)
	return c
}
