// chan_throughput (BENCH.md section 4), the Go twin of
// bench/gort/chan_throughput.cpp.
package main

import (
	"fmt"
	"gortbench/benchutil"
	"sync"
	"time"
)

func main() {
	const n = 10000000
	threads := benchutil.SetThreads()
	c := make(chan int64, 1024)
	var sum int64
	var wg sync.WaitGroup
	wg.Add(2)
	t0 := time.Now()
	go func() {
		for i := int64(0); i < n; i++ {
			c <- i
		}
		close(c)
		wg.Done()
	}()
	go func() {
		var s int64
		for v := range c {
			s += v
		}
		sum = s
		wg.Done()
	}()
	wg.Wait()
	el := time.Since(t0)
	benchutil.Result("chan_throughput", float64(el.Nanoseconds())/n, "ns_per_item", threads,
		sum == n*(n-1)/2,
		fmt.Sprintf("result=%d total_ms=%.3f stack_kb=%d", sum, float64(el.Nanoseconds())/1e6, benchutil.GoStackKB))
}
