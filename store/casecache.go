package store

import (
	"fmt"
	"strings"
	"sync"

	"github.com/kscmp/intake"
)

// caseCache keeps the cases read-only transactions have decoded, by row
// id, with the version (the count of saves, in case_versions) each was
// decoded at. Decoding
// a case's JSON document is what a list of thousands of cases spends its
// time on (about a tenth of a millisecond each); with the cache, a View
// reads only ids and versions, and decodes a document again only when
// its version has moved.
//
// Only Views use it, and they see only committed rows, so an id and a
// version name one document for ever (versions only go up, cases are
// never deleted). An Update always decodes afresh: it may change what it
// reads. The cases a View returns are shared with other Views and must
// not be changed (intake.CaseBook says so).
type caseCache struct {
	mu sync.Mutex
	m  map[int64]cachedCase
}

type cachedCase struct {
	version int64
	c       *intake.Case
}

func newCaseCache() *caseCache { return &caseCache{m: map[int64]cachedCase{}} }

func (cc *caseCache) get(id, version int64) (*intake.Case, bool) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	e, ok := cc.m[id]
	if !ok || e.version != version {
		return nil, false
	}
	return e.c, true
}

func (cc *caseCache) put(id, version int64, c *intake.Case) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if e, ok := cc.m[id]; !ok || e.version <= version {
		cc.m[id] = cachedCase{version, c}
	}
}

// cachedCases is cases for a View: ids and versions first, then the
// documents of the cases not cached at their version.
func (t *tx) cachedCases(clause string, args ...any) ([]*intake.Case, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, COALESCE(case_versions.version, 0) FROM cases
		LEFT JOIN case_versions ON case_versions.case_id = cases.id `+clause, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading cases: %w", err)
	}
	type row struct{ id, version int64 }
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.version); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reading a case: %w", err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading cases: %w", err)
	}
	out := make([]*intake.Case, len(list))
	var missing []int64
	at := map[int64]int{}
	for i, r := range list {
		if c, ok := t.cache.get(r.id, r.version); ok {
			out[i] = c
			continue
		}
		missing = append(missing, r.id)
		at[r.id] = i
	}
	for len(missing) > 0 {
		batch := missing[:min(len(missing), 500)]
		missing = missing[len(batch):]
		q := `SELECT id, ref, COALESCE(case_versions.version, 0), doc FROM cases LEFT JOIN case_versions ON case_versions.case_id = cases.id
			WHERE id IN (?` + strings.Repeat(`, ?`, len(batch)-1) + `)`
		bargs := make([]any, len(batch))
		for i, id := range batch {
			bargs[i] = id
		}
		if err := t.decodeInto(out, at, q, bargs); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *tx) decodeInto(out []*intake.Case, at map[int64]int, q string, args []any) error {
	rows, err := t.tx.QueryContext(t.ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: reading cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, version int64
		var ref, doc string
		if err := rows.Scan(&id, &ref, &version, &doc); err != nil {
			return fmt.Errorf("store: reading a case: %w", err)
		}
		c, err := t.decodeCase(id, ref, doc)
		if err != nil {
			return err
		}
		if doc != "" {
			t.cache.put(id, version, c)
		}
		out[at[id]] = c
	}
	return rows.Err()
}
