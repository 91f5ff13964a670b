package intake

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The typed forms (Referral, AgencySummary) name each field's canonical
// key in a `form` tag, its value shape in `kind` (only "date" needs
// saying: the Go type says the rest) and, for enumerations, the values
// allowed in `options`. These helpers read and write them by key.

// formField is one tagged field of a form struct.
type formField struct {
	key     string
	date    bool
	options []string
	value   reflect.Value
}

// formFieldsOf lists the tagged fields of *form, in declaration order.
func formFieldsOf(form any) []formField {
	v := reflect.ValueOf(form).Elem()
	t := v.Type()
	out := make([]formField, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		key := f.Tag.Get("form")
		if key == "" {
			continue
		}
		ff := formField{key: key, date: f.Tag.Get("kind") == "date", value: v.Field(i)}
		if o := f.Tag.Get("options"); o != "" {
			ff.options = strings.Split(o, ",")
		}
		out = append(out, ff)
	}
	return out
}

func formKeys(form any) []string {
	var keys []string
	for _, f := range formFieldsOf(form) {
		keys = append(keys, f.key)
	}
	return keys
}

func fromFields(form any, fields map[string]any) {
	for _, f := range formFieldsOf(form) {
		v, ok := fields[f.key]
		if !ok || v == nil {
			continue
		}
		switch p := f.value.Addr().Interface().(type) {
		case *string:
			switch x := v.(type) {
			case string:
				*p = x
			case float64:
				*p = strconv.FormatFloat(x, 'f', -1, 64)
			}
		case **bool:
			if b, ok := v.(bool); ok {
				*p = &b
			}
		case **float64:
			switch x := v.(type) {
			case float64:
				*p = &x
			case int:
				n := float64(x)
				*p = &n
			}
		case *[]string:
			switch x := v.(type) {
			case []string:
				*p = slices.Clone(x)
			case []any:
				for _, e := range x {
					if s, ok := e.(string); ok {
						*p = append(*p, s)
					}
				}
			case string:
				if x != "" {
					*p = []string{x}
				}
			}
		}
	}
}

func toFields(form any) map[string]any {
	out := map[string]any{}
	for _, f := range formFieldsOf(form) {
		switch x := f.value.Interface().(type) {
		case string:
			if x != "" {
				out[f.key] = x
			}
		case *bool:
			if x != nil {
				out[f.key] = *x
			}
		case *float64:
			if x != nil {
				out[f.key] = *x
			}
		case []string:
			if len(x) > 0 {
				out[f.key] = slices.Clone(x)
			}
		}
	}
	return out
}

// setField sets the field named key of *form from text.
func setField(form any, what, key, text string) error {
	text = strings.TrimSpace(text)
	for _, f := range formFieldsOf(form) {
		if f.key != key {
			continue
		}
		switch p := f.value.Addr().Interface().(type) {
		case *string:
			s, err := f.textValue(text)
			if err != nil {
				return err
			}
			*p = s
		case **bool:
			b, err := yesNo(text)
			if err != nil {
				return fmt.Errorf("intake: %s: %w", key, err)
			}
			*p = b
		case **float64:
			if text == "" {
				*p = nil
				return nil
			}
			n, err := strconv.ParseFloat(text, 64)
			if err != nil || n < 0 {
				return fmt.Errorf("intake: %s: %q is not a number (write it in figures, like 11)", key, text)
			}
			*p = &n
		case *[]string:
			l, err := f.listValue(text)
			if err != nil {
				return err
			}
			*p = l
		}
		return nil
	}
	return fmt.Errorf("intake: %q is not a field of the %s form (the fields are: %s)", key, what, strings.Join(formKeys(form), ", "))
}

// textValue checks text against a date or option field.
func (f formField) textValue(text string) (string, error) {
	switch {
	case text == "":
		return "", nil
	case f.date:
		d, err := ParseFormDate(text)
		if err != nil {
			return "", fmt.Errorf("intake: %s: %w", f.key, err)
		}
		return d, nil
	case len(f.options) > 0:
		o := strings.ReplaceAll(strings.ToLower(text), " ", "_")
		if !slices.Contains(f.options, o) {
			return "", fmt.Errorf("intake: %s: %q is not one of %s", f.key, text, strings.Join(f.options, ", "))
		}
		return o, nil
	}
	return text, nil
}

// listValue splits text on commas, semicolons and new lines, checking
// each item against the options when there are any.
func (f formField) listValue(text string) ([]string, error) {
	var out []string
	for _, item := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if len(f.options) > 0 {
			o := strings.ReplaceAll(strings.ToLower(item), " ", "_")
			if !slices.Contains(f.options, o) {
				return nil, fmt.Errorf("intake: %s: %q is not one of %s", f.key, item, strings.Join(f.options, ", "))
			}
			item = o
		}
		out = append(out, item)
	}
	return out, nil
}

// yesNo reads a yes/no answer a person typed; "" clears it.
func yesNo(text string) (*bool, error) {
	switch strings.ToLower(text) {
	case "":
		return nil, nil
	case "yes", "y", "true":
		b := true
		return &b, nil
	case "no", "n", "false":
		b := false
		return &b, nil
	}
	return nil, fmt.Errorf("%q is not yes or no", text)
}

// ParseFormDate reads a date a person typed, ISO (2026-11-03) or UK
// day-first (03/11/2026, 3/11/26), and returns it ISO.
func ParseFormDate(text string) (string, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02/01/06", "2/1/06"} {
		if t, err := time.Parse(layout, text); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", fmt.Errorf("%q is not a date (write it like 03/11/2026)", text)
}
