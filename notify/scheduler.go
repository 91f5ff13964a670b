package notify

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/kscmp/intake"
)

// Scheduler is the outbox's daemon part: it enqueues the daily digest and
// sends what is due, then sleeps until the next thing falls due.
type Scheduler struct {
	Sender *Sender
	Clock  intake.Clock
	// DigestHour and DigestMinute are the digest's local time
	// (Europe/London); DigestTo its recipients (no digest when empty).
	DigestHour, DigestMinute int
	DigestTo                 []string
	Calendar                 WorkingDays
	// Fallback is the longest the scheduler sleeps (5m when zero): it
	// picks up rows other parts enqueued without calling Wake.
	Fallback time.Duration
	Logger   *slog.Logger

	wake chan struct{}

	// beforePass, when set, runs at the start of every pass and returns
	// when it next has work (zero: none): the tests' stand-in for the
	// casework that enqueues chasers.
	beforePass func(ctx context.Context, now time.Time) (time.Time, error)
	mu         sync.Mutex
	hookNext   time.Time
}

// NewScheduler returns a scheduler sending with s.
func NewScheduler(s *Sender, clock intake.Clock, cal WorkingDays) *Scheduler {
	return &Scheduler{Sender: s, Clock: clock, Calendar: cal, DigestHour: 7, DigestMinute: 30, wake: make(chan struct{}, 1)}
}

// Wake makes a sleeping Run pass at once (after another part enqueued a
// notice that is due now). It never blocks.
func (sc *Scheduler) Wake() {
	select {
	case sc.wake <- struct{}{}:
	default:
	}
}

func (sc *Scheduler) logger() *slog.Logger {
	if sc.Logger == nil {
		return slog.Default()
	}
	return sc.Logger
}

// digestTime is the digest's instant on the London date of t.
func (sc *Scheduler) digestTime(t time.Time) time.Time {
	y, m, d := t.In(intake.London).Date()
	return time.Date(y, m, d, sc.DigestHour, sc.DigestMinute, 0, 0, intake.London)
}

// DigestKey is the idempotency key of the digest for day's London date.
func DigestKey(day time.Time) string { return "digest:" + dayKey(day) }

// DigestNotice is the digest for day's London date, to the digest's
// recipients (`intake digest` previews it).
func (sc *Scheduler) DigestNotice(day time.Time) intake.Notice {
	return intake.Notice{Key: DigestKey(day), Kind: intake.NoticeDigest, To: sc.DigestTo, DueDate: intake.StartOfDay(day)}
}

// EnqueueDigest enqueues today's digest if today is a working day and its
// time has come; created is false when it already was (or is not due).
func (sc *Scheduler) EnqueueDigest(ctx context.Context, now time.Time) (created bool, err error) {
	if len(sc.DigestTo) == 0 || !sc.Calendar.IsWorkingDay(now.In(intake.London)) {
		return false, nil
	}
	at := sc.digestTime(now)
	if now.Before(at) {
		return false, nil
	}
	n := sc.DigestNotice(now)
	n.NotBefore = at
	err = sc.Sender.Store.Update(ctx, func(tx intake.Tx) error {
		created, err = tx.Enqueue(n)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("notify: enqueuing the digest: %w", err)
	}
	return created, nil
}

// nextDigest is the next digest instant after now.
func (sc *Scheduler) nextDigest(now time.Time) time.Time {
	day := now.In(intake.London)
	for i := 0; i < 30; i++ {
		at := sc.digestTime(day)
		if at.After(now) && sc.Calendar.IsWorkingDay(day) {
			return at
		}
		y, m, d := day.Date()
		day = time.Date(y, m, d+1, 12, 0, 0, 0, intake.London)
	}
	return now.Add(24 * time.Hour)
}

// RunOnce enqueues the digest if due and sends every row due now.
func (sc *Scheduler) RunOnce(ctx context.Context) error {
	now := sc.Clock.Now()
	if sc.beforePass != nil {
		next, err := sc.beforePass(ctx, now)
		if err != nil {
			return err
		}
		sc.mu.Lock()
		sc.hookNext = next
		sc.mu.Unlock()
	}
	if _, err := sc.EnqueueDigest(ctx, now); err != nil {
		return err
	}
	_, err := sc.Sender.SendOnce(ctx)
	return err
}

// NextWake returns when the scheduler should next run: the earliest of
// the next due outbox row, the next digest and now plus the fallback.
func (sc *Scheduler) NextWake(ctx context.Context, now time.Time) time.Time {
	fallback := sc.Fallback
	if fallback <= 0 {
		fallback = 5 * time.Minute
	}
	next := now.Add(fallback)
	if len(sc.DigestTo) > 0 {
		if d := sc.nextDigest(now); d.Before(next) {
			next = d
		}
	}
	sc.mu.Lock()
	if h := sc.hookNext; !h.IsZero() && h.Before(next) {
		next = h
	}
	sc.mu.Unlock()
	var at time.Time
	var ok bool
	err := sc.Sender.Store.View(ctx, func(tx intake.Tx) error {
		var err error
		at, ok, err = tx.NextOutboxDue()
		return err
	})
	if err != nil {
		sc.logger().Error("finding the next outbox row due", "err", err)
	} else if ok && at.Before(next) {
		next = at
	}
	return next
}

// Run loops until ctx ends: a pass, then a sleep on the clock until
// NextWake or Wake.
func (sc *Scheduler) Run(ctx context.Context) error {
	if sc.wake == nil {
		sc.wake = make(chan struct{}, 1)
	}
	for {
		failed := false
		if err := sc.RunOnce(ctx); err != nil && ctx.Err() == nil {
			sc.logger().Error("outbox pass failed", "err", err)
			failed = true
		}
		now := sc.Clock.Now()
		wait := sc.NextWake(ctx, now).Sub(now)
		if wait < 0 {
			wait = 0
		}
		if failed && wait < 10*time.Second {
			wait = 10 * time.Second // the store is failing: do not spin
		}
		select {
		case <-ctx.Done():
			return nil
		case <-sc.Clock.After(wait):
		case <-sc.wake:
		}
	}
}
