// preempt_latency (BENCH.md section 9), the Go twin of
// bench/gort/preempt_latency.cpp: GOMAXPROCS=1, a CPU-bound goroutine (mode
// nocall, the default: a call-free xorshift loop, preempted by Go's async
// preemption signal; mode call: a non-inlined call per iteration) and a
// goroutine sleeping 1 ms at a time; over 2 s, value = the largest
// lateness of its wake-ups in ms; extras p99_ms, median_ms.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"gortbench/benchutil"
)

var stop int32
var sink uint64

func xorshift64(x uint64) uint64 {
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	return x
}

//go:noinline
func step(x uint64) uint64 { return xorshift64(x) }

func spinCallFree() {
	x := uint64(1)
	for atomic.LoadInt32(&stop) == 0 {
		x = xorshift64(x)
	}
	atomic.StoreUint64(&sink, x)
}

func spinWithCalls() {
	x := uint64(1)
	for atomic.LoadInt32(&stop) == 0 {
		x = step(x)
	}
	atomic.StoreUint64(&sink, x)
}

func main() {
	runtime.GOMAXPROCS(1)
	mode := "nocall"
	if len(os.Args) > 2 {
		mode = os.Args[2]
	}
	if mode != "call" && mode != "nocall" {
		fmt.Fprintln(os.Stderr, "preempt_latency: mode is call or nocall, not", mode)
		os.Exit(2)
	}
	const period = time.Millisecond
	const duration = 2 * time.Second
	delays := make([]float64, 0, 4096)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		if mode == "call" {
			spinWithCalls()
		} else {
			spinCallFree()
		}
		wg.Done()
	}()
	go func() {
		start := time.Now()
		for time.Since(start) < duration {
			want := time.Now().Add(period)
			time.Sleep(period)
			delays = append(delays, float64(time.Since(want).Nanoseconds())/1e6)
		}
		atomic.StoreInt32(&stop, 1)
		wg.Done()
	}()
	wg.Wait()
	sort.Float64s(delays)
	ok := len(delays) >= 10
	p99, max, med := 0.0, 0.0, 0.0
	if ok {
		p99 = delays[len(delays)*99/100]
		max = delays[len(delays)-1]
		med = delays[len(delays)/2]
	}
	benchutil.Result("preempt_latency", max, "ms", 1, ok,
		fmt.Sprintf("p99_ms=%.3f median_ms=%.3f samples=%d mode=%s stack_kb=%d", p99, med, len(delays), mode, benchutil.GoStackKB))
}
