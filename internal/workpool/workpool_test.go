package workpool

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// square is a unit whose result is a function of its index alone, finishing
// after a delay drawn from seed, so that units finish out of index order.
func square(seed uint64) func(context.Context, int) (int, error) {
	return func(_ context.Context, i int) (int, error) {
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		time.Sleep(time.Duration(r.IntN(300)) * time.Microsecond)
		return i * i, nil
	}
}

// TestOrderIndependence: results are i² at index i for any number of
// workers, units finishing in any order; progress counts 1..n, each once,
// with total n.
func TestOrderIndependence(t *testing.T) {
	const n = 200
	for _, workers := range []int{0, 1, 2, 7, 500} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			var seen []int
			got, err := Run(context.Background(), n, workers, square(uint64(workers)), func(done, total int) {
				if total != n {
					t.Errorf("progress total %d, want %d", total, n)
				}
				seen = append(seen, done) // progress is called one at a time
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != n {
				t.Fatalf("%d results, want %d", len(got), n)
			}
			for i, v := range got {
				if v != i*i {
					t.Errorf("result %d = %d, want %d", i, v, i*i)
				}
			}
			if len(seen) != n {
				t.Fatalf("progress called %d times, want %d", len(seen), n)
			}
			for k, d := range seen {
				if d != k+1 {
					t.Fatalf("progress call %d said %d done, want %d", k, d, k+1)
				}
			}
		})
	}
}

// TestWorkersBound: no more than workers units run at once, and with
// enough units that many do run at once.
func TestWorkersBound(t *testing.T) {
	const workers = 3
	var running, peak atomic.Int32
	_, err := Run(context.Background(), 60, workers, func(context.Context, int) (struct{}, error) {
		r := running.Add(1)
		for {
			p := peak.Load()
			if r <= p || peak.CompareAndSwap(p, r) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
		running.Add(-1)
		return struct{}{}, nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p != workers {
		t.Errorf("at most %d units ran at once, want %d", p, workers)
	}
}

// TestFirstErrorStops: the failing unit's error is returned; the units
// running then see their context cancelled; no unit starts after it, even
// on a worker whose unit completes after it; the results of the units that
// completed are kept, the others are zero.
func TestFirstErrorStops(t *testing.T) {
	const n, workers, bad = 100, 4, 10
	boom := errors.New("unit 10 failed")
	var mu sync.Mutex
	started := map[int]bool{}
	var failedAt time.Time
	var lateStarts int
	got, err := Run(context.Background(), n, workers, func(ctx context.Context, i int) (int, error) {
		mu.Lock()
		started[i] = true
		if !failedAt.IsZero() {
			lateStarts++
		}
		mu.Unlock()
		if i == bad {
			// Fail once the other workers are running units after this
			// one, which only the cancellation ends.
			for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Microsecond) {
				mu.Lock()
				k := 0
				for j := bad + 1; j < bad+workers; j++ {
					if started[j] {
						k++
					}
				}
				mu.Unlock()
				if k == workers-1 || time.Now().After(deadline) {
					break
				}
			}
			mu.Lock()
			failedAt = time.Now()
			mu.Unlock()
			return 0, boom
		}
		if i == bad+1 {
			<-ctx.Done() // completes after the failure, unaware of it
			return i + 1, nil
		}
		if i > bad {
			<-ctx.Done() // only the failure ends these
			return 0, ctx.Err()
		}
		return i + 1, nil
	}, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
	// Units up to bad start in order; workers-1 more were started before
	// the failure was reported, each running when it was.
	if len(started) > bad+workers {
		t.Errorf("%d units started, want at most %d", len(started), bad+workers)
	}
	if lateStarts > workers-1 {
		t.Errorf("%d units started after the failure, want at most %d (those picked before it was reported)", lateStarts, workers-1)
	}
	for i, v := range got {
		want := 0
		if i < bad || i == bad+1 {
			want = i + 1
		}
		if v != want {
			t.Errorf("result %d = %d, want %d", i, v, want)
		}
	}
}

// TestCancellation: cancelling ctx ends the running units (they see it)
// and starts no more: Run returns ctx's error; a ctx done before Run
// starts no unit at all.
func TestCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	_, err := Run(ctx, 50, 2, func(ctx context.Context, i int) (int, error) {
		if calls.Add(1) == 3 {
			cancel()
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(time.Millisecond):
			return i, nil
		}
	}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if c := calls.Load(); c > 4 {
		t.Errorf("%d units ran, want at most 4 (3, and one picked as the third cancelled)", c)
	}

	calls.Store(0)
	_, err = Run(ctx, 50, 2, func(context.Context, int) (int, error) {
		calls.Add(1)
		return 0, nil
	}, nil)
	if !errors.Is(err, context.Canceled) || calls.Load() != 0 {
		t.Errorf("on a cancelled context: error %v, %d units run; want context.Canceled and none", err, calls.Load())
	}
}

// TestNoUnits: nothing to run returns no results and no error.
func TestNoUnits(t *testing.T) {
	got, err := Run(context.Background(), 0, 4, square(1), func(int, int) { t.Error("progress called") })
	if err != nil || len(got) != 0 {
		t.Errorf("got %v, %v", got, err)
	}
}
