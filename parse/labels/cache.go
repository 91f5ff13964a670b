package labels

import (
	"sync"
	"sync/atomic"
)

// maxCached bounds the labels a table remembers the lookups of: the same
// forms come back again and again, and hostile input must not grow the
// cache without end.
const maxCached = 20000

// lookupCache remembers what labels mean, for one table: looking a label
// up by the word rules scores every key's rules, and the same labels are
// looked up for every message of a form. Tables are shared between
// goroutines, so the cache is safe for concurrent use; a change to the
// table's wordings or rules empties it.
type lookupCache struct {
	table, words sync.Map // label -> []Match
	n            atomic.Int64
}

// get returns the cached matches of a label in m, computing them with f
// the first time.
func (c *lookupCache) get(m *sync.Map, label string, f func(string) []Match) []Match {
	if v, ok := m.Load(label); ok {
		return v.([]Match)
	}
	ms := f(label)
	if c.n.Load() < maxCached {
		if _, loaded := m.LoadOrStore(label, ms); !loaded {
			c.n.Add(1)
		}
	}
	return ms
}

// reset forgets every lookup.
func (c *lookupCache) reset() {
	c.table.Clear()
	c.words.Clear()
	c.n.Store(0)
}
