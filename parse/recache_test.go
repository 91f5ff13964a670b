package parse

import (
	"fmt"
	"sync"
	"testing"
)

// TestCompilePatternOnce: a pattern is compiled once and shared, an
// invalid one stays an error, and the cache never holds more than
// maxCachedPatterns, from many goroutines at once.
func TestCompilePatternOnce(t *testing.T) {
	a, err := compilePattern(DefaultCaseRefPattern)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := compilePattern(DefaultCaseRefPattern); b != a {
		t.Error("the same pattern was compiled twice")
	}
	if re, err := compilePattern(`(`); err == nil || re != nil {
		t.Errorf("compilePattern(`(`) = %v, %v, want an error", re, err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				src := fmt.Sprintf(`x%d-%d`, g, i%(2*maxCachedPatterns))
				if re, err := compilePattern(src); err != nil || re.String() != src {
					t.Errorf("compilePattern(%q) = %v, %v", src, re, err)
				}
			}
		}()
	}
	wg.Wait()
	patternCache.Lock()
	n := len(patternCache.m)
	patternCache.Unlock()
	if n > maxCachedPatterns {
		t.Errorf("the cache holds %d patterns, want at most %d", n, maxCachedPatterns)
	}
}
