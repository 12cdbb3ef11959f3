package action

import (
	"runtime"
	"sync"
)

// parallel runs fn(0) … fn(n−1) on at most workers goroutines (0: all
// cores) and returns the error of the lowest index that failed (nil when
// none did). Each call writes only its own index's result, so the results
// are the same for any number of workers; progress, when not nil, is told
// after each call how many are done of n (from one goroutine at a time).
func parallel(n, workers int, fn func(i int) error, progress func(done, total int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	errs := make([]error, n)
	var (
		mu   sync.Mutex
		next int
		done int
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				errs[i] = fn(i)
				mu.Lock()
				done++
				if progress != nil {
					progress(done, n)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
