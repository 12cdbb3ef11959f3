package action

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

// parallel calls each index once, whatever the workers; progress counts
// 1 … n; the error returned is the lowest index's.
func TestParallel(t *testing.T) {
	for _, w := range []int{0, 1, 2, 7, 100} {
		const n = 50
		var calls [n]atomic.Int32
		var seen []int
		err := parallel(n, w, func(i int) error {
			calls[i].Add(1)
			if i == 31 || i == 17 {
				return fmt.Errorf("index %d", i)
			}
			return nil
		}, func(done, total int) {
			if total != n {
				t.Errorf("workers %d: total %d, want %d", w, total, n)
			}
			seen = append(seen, done)
		})
		if err == nil || err.Error() != "index 17" {
			t.Errorf("workers %d: error %v, want index 17's", w, err)
		}
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("workers %d: index %d called %d times", w, i, c)
			}
		}
		for k, d := range seen {
			if d != k+1 {
				t.Fatalf("workers %d: progress %v, want 1 … %d", w, seen, n)
			}
		}
		if len(seen) != n {
			t.Errorf("workers %d: %d progress calls, want %d", w, len(seen), n)
		}
	}
	if err := parallel(0, 2, func(int) error { return errors.New("called") }, nil); err != nil {
		t.Errorf("no calls: %v", err)
	}
}
