package parse

import (
	"regexp"
	"sync"
)

// maxCachedPatterns bounds the compiled-pattern cache: options name one
// case reference pattern and one set of area names, and rarely change,
// so a handful of entries is every pattern a process uses.
const maxCachedPatterns = 8

// patternCache holds the patterns the options name (the case reference
// pattern, the area's names), compiled once a process rather than once
// a message or form candidate. A regexp is safe for concurrent use.
var patternCache struct {
	sync.Mutex
	m map[string]compiledPattern
}

type compiledPattern struct {
	re  *regexp.Regexp
	err error
}

// compilePattern is regexp.Compile(src), from the cache when src was
// compiled before. When the cache is full it is emptied first.
func compilePattern(src string) (*regexp.Regexp, error) {
	patternCache.Lock()
	c, ok := patternCache.m[src]
	patternCache.Unlock()
	if ok {
		return c.re, c.err
	}
	re, err := regexp.Compile(src)
	patternCache.Lock()
	if patternCache.m == nil || len(patternCache.m) >= maxCachedPatterns {
		patternCache.m = make(map[string]compiledPattern, maxCachedPatterns)
	}
	patternCache.m[src] = compiledPattern{re, err}
	patternCache.Unlock()
	return re, err
}
