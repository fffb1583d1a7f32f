// Package workpool runs independent units of work on a few goroutines:
// the loop that cuasim compare and cuasim radials share. Results are kept
// by the unit's index, so they do not depend on the number of workers nor
// on the order in which units finish.
package workpool

import (
	"context"
	"runtime"
	"sync"
)

// Run calls run(ctx, i) for every i in [0, n) on up to workers goroutines
// at once (workers <= 0: one per CPU) and returns the results by index.
//
// Units are started in index order. The first error (by the time it is
// reported) cancels the context the running units were given, no unit is
// started after it, and Run returns it with the results of the units that
// did complete (the zero value at the others' indices). A unit is not
// started once ctx is done: Run returns ctx's error then.
//
// progress, if not nil, is called after each unit that completes, with
// the number complete and n, from one goroutine at a time and never after
// Run returns.
func Run[T any](ctx context.Context, n, workers int, run func(ctx context.Context, i int) (T, error), progress func(done, total int)) ([]T, error) {
	results := make([]T, n)
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		next     int
		finished int
		firstErr error
		wg       sync.WaitGroup
	)
	fail := func(err error) { // with mu held
		if firstErr == nil {
			firstErr = err
			cancel()
		}
	}
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if next >= n || firstErr != nil {
					mu.Unlock()
					return
				}
				if err := ctx.Err(); err != nil {
					fail(err)
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				r, err := run(ctx, i)
				mu.Lock()
				if err != nil {
					fail(err)
					mu.Unlock()
					return
				}
				results[i] = r
				finished++
				if progress != nil {
					progress(finished, n)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return results, firstErr
}
