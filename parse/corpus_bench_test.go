package parse

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"
)

// BenchmarkCorpusAccuracy is the accuracy report: it reads the tuned and
// the held-out corpus and reports, for each, the messages read
// completely and the fields read right (of every field expected or read),
// as metrics:
//
//	go test -run '^$' -bench CorpusAccuracy ./parse
//
// It is the only reader of the held-out part: nothing is tuned against it.
func BenchmarkCorpusAccuracy(b *testing.B) {
	for _, part := range []string{"tuned", "heldout"} {
		msgs := loadCorpus(b, part)
		b.Run(part, func(b *testing.B) {
			var right, total, complete int
			for b.Loop() {
				right, total, complete = 0, 0, 0
				for _, m := range msgs {
					r, n, ok, _ := corpusScore(m.want, readCorpusMessage(b, m))
					right, total = right+r, total+n
					if ok {
						complete++
					}
				}
			}
			b.ReportMetric(float64(len(msgs)), "messages")
			b.ReportMetric(float64(complete), "complete")
			b.ReportMetric(100*float64(right)/float64(max(total, 1)), "field-acc-%")
		})
	}
}

// BenchmarkCorpusMessage times reading each referral and agency summary
// of the corpus, message by message, and reports the median and the
// slowest, overall and for text PDFs alone (a .doc is left out: its time
// is LibreOffice's, seconds, not parse's):
//
//	go test -run '^$' -bench CorpusMessage ./parse
func BenchmarkCorpusMessage(b *testing.B) {
	var msgs []corpusMessage
	for _, part := range []string{"tuned", "heldout"} {
		for _, m := range loadCorpus(b, part) {
			if !strings.HasSuffix(m.name, "-doc") {
				msgs = append(msgs, m)
			}
		}
	}
	for _, set := range []struct {
		name  string
		match func(string) bool
	}{
		{"all", func(string) bool { return true }},
		{"pdf", func(n string) bool { return strings.HasSuffix(n, "-pdf") }},
		{"referral", func(n string) bool { return strings.Contains(n, "-referral-") }},
	} {
		var sel []corpusMessage
		for _, m := range msgs {
			if set.match(m.name) {
				sel = append(sel, m)
			}
		}
		b.Run(set.name, func(b *testing.B) {
			times := make([][]time.Duration, len(sel))
			i := 0
			for b.Loop() {
				m := sel[i%len(sel)]
				start := time.Now()
				if _, err := Parse(context.Background(), m.raw, m.opts); err != nil {
					b.Fatal(err)
				}
				times[i%len(sel)] = append(times[i%len(sel)], time.Since(start))
				i++
			}
			// Each message's own median, then the median and the
			// slowest of those.
			var per []time.Duration
			for _, ts := range times {
				if len(ts) == 0 {
					continue
				}
				sort.Slice(ts, func(a, b int) bool { return ts[a] < ts[b] })
				per = append(per, ts[len(ts)/2])
			}
			sort.Slice(per, func(a, b int) bool { return per[a] < per[b] })
			if len(per) > 0 {
				b.ReportMetric(float64(per[len(per)/2].Microseconds())/1000, "median-ms")
				b.ReportMetric(float64(per[len(per)-1].Microseconds())/1000, "max-ms")
			}
		})
	}
}
