// Package labels is the label table: the wordings partnerships print on
// their referral forms and agency summaries, mapped onto the canonical
// keys of the form contract (referrer_name, incident_date, the five
// criteria, involvement_from and so on).
//
// The table is data, not code: labels_default.toml is embedded, and a
// deployment adds its own wordings with Load or AddWordings (the [parse]
// settings). A label is looked up after normalisation (case, punctuation,
// numbering such as "3a." or "Q4)", tails such as "(please specify)"),
// first word for word, then as the longest wording it begins with, and
// last through the table's word rules, which read a wording the table
// has never seen ("Has the child died or suffered serious harm?") by the
// words it is made of.
package labels
