package main

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
)

// unknownSettings says which settings of a file intake does not know,
// each with the nearest one it does ("imap.pol_interval: unknown
// setting; did you mean imap.poll_interval?"). Only the outermost unknown
// name is reported: a misspelt section is one problem, not one per key.
func unknownSettings(und []toml.Key) error {
	valid := settingNames(reflect.TypeOf(Config{}), "")
	var lines []string
	var reported []string
	for _, k := range und {
		name := k.String()
		if underAny(name, reported) {
			continue
		}
		reported = append(reported, name)
		line := name + ": unknown setting"
		if s := nearestSetting(name, valid); s != "" {
			line += "; did you mean " + s + "?"
		}
		lines = append(lines, line)
	}
	return fmt.Errorf("config: %s", strings.Join(lines, "\n"))
}

// underAny reports whether name is one of names or inside one of them.
func underAny(name string, names []string) bool {
	for _, n := range names {
		if name == n || strings.HasPrefix(name, n+".") {
			return true
		}
	}
	return false
}

// settingNames lists every setting and section of a configuration type
// as dotted names ("imap", "imap.poll_interval", "agency.key").
func settingNames(t reflect.Type, prefix string) []string {
	var out []string
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		name := prefix + tag
		out = append(out, name)
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && !ft.Implements(textUnmarshaler) && !reflect.PointerTo(ft).Implements(textUnmarshaler) {
			out = append(out, settingNames(ft, name+".")...)
		}
	}
	return out
}

var textUnmarshaler = reflect.TypeOf((*interface{ UnmarshalText([]byte) error })(nil)).Elem()

// nearestSetting returns the valid setting name closest to name: the
// same setting in another section ("imap.retain_raw_messages" →
// "store.retain_raw_messages"), or one a few letters away. It returns ""
// when nothing is close.
func nearestSetting(name string, valid []string) string {
	leaf := name[strings.LastIndex(name, ".")+1:]
	best, bestD := "", -1
	for _, v := range valid {
		d := editDistance(name, v)
		if vleaf := v[strings.LastIndex(v, ".")+1:]; vleaf == leaf && strings.Contains(name, ".") {
			d = min(d, 1) // the right word in the wrong section
		}
		if bestD < 0 || d < bestD || (d == bestD && v < best) {
			best, bestD = v, d
		}
	}
	if bestD < 0 || bestD > max(2, len(leaf)/3) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (setting names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
