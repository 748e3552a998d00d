// spawn (BENCH.md section 2), the Go twin of bench/gort/spawn.cpp.
package main

import (
	"fmt"
	"gortbench/benchutil"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	const n = 1000000
	threads := benchutil.SetThreads()
	var counter int64
	var wg sync.WaitGroup
	wg.Add(n)
	t0 := time.Now()
	for i := 0; i < n; i++ {
		go func() {
			atomic.AddInt64(&counter, 1)
			wg.Done()
		}()
	}
	wg.Wait()
	el := time.Since(t0)
	benchutil.Result("spawn", float64(el.Nanoseconds())/n, "ns_per_task", threads,
		atomic.LoadInt64(&counter) == n,
		fmt.Sprintf("total_ms=%.3f stack_kb=%d", float64(el.Nanoseconds())/1e6, benchutil.GoStackKB))
}
