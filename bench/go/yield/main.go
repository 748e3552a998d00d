// yield (issue 2), the Go twin of bench/gort/yield.cpp: two goroutines on
// one P yield to each other with runtime.Gosched, 1,000,000 times each.
package main

import (
	"fmt"
	"gortbench/benchutil"
	"runtime"
	"sync"
	"time"
)

func main() {
	const n = 1000000
	threads := benchutil.SetThreads()
	var count [2]int64
	var wg sync.WaitGroup
	wg.Add(2)
	t0 := time.Now()
	for g := 0; g < 2; g++ {
		go func(k *int64) {
			for i := 0; i < n; i++ {
				*k++
				runtime.Gosched()
			}
			wg.Done()
		}(&count[g])
	}
	wg.Wait()
	el := time.Since(t0)
	benchutil.Result("yield", float64(el.Nanoseconds())/n, "ns_per_roundtrip", threads,
		count[0] == n && count[1] == n,
		fmt.Sprintf("total_ms=%.3f stack_kb=%d", float64(el.Nanoseconds())/1e6, benchutil.GoStackKB))
}
