// mutex (issue 2), the Go twin of bench/gort/mutex.cpp: 4 goroutines each
// lock, increment and unlock one sync.Mutex 1,000,000 times.
package main

import (
	"fmt"
	"gortbench/benchutil"
	"sync"
	"time"
)

func main() {
	const workers = 4
	const per = 1000000
	const ops = workers * per
	threads := benchutil.SetThreads()
	var mu sync.Mutex
	counter := 0 // guarded by mu
	var wg sync.WaitGroup
	wg.Add(workers)
	t0 := time.Now()
	for g := 0; g < workers; g++ {
		go func() {
			for i := 0; i < per; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	el := time.Since(t0)
	benchutil.Result("mutex", float64(el.Nanoseconds())/ops, "ns_per_op", threads, counter == ops,
		fmt.Sprintf("total_ms=%.3f stack_kb=%d", float64(el.Nanoseconds())/1e6, benchutil.GoStackKB))
}
