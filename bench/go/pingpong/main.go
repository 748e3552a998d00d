// pingpong (BENCH.md section 3), the Go twin of bench/gort/pingpong.cpp.
package main

import (
	"fmt"
	"gortbench/benchutil"
	"sync"
	"time"
)

func main() {
	const n = 1000000
	threads := benchutil.SetThreads()
	ping := make(chan int64)
	pong := make(chan int64)
	bad := 0
	var wg sync.WaitGroup
	wg.Add(2)
	t0 := time.Now()
	go func() {
		for i := int64(0); i < n; i++ {
			ping <- i
			if v := <-pong; v != i+1 {
				bad++
			}
		}
		wg.Done()
	}()
	go func() {
		for i := int64(0); i < n; i++ {
			v := <-ping
			pong <- v + 1
		}
		wg.Done()
	}()
	wg.Wait()
	el := time.Since(t0)
	benchutil.Result("pingpong", float64(el.Nanoseconds())/n, "ns_per_roundtrip", threads, bad == 0,
		fmt.Sprintf("total_ms=%.3f stack_kb=%d", float64(el.Nanoseconds())/1e6, benchutil.GoStackKB))
}
