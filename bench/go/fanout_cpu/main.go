// fanout_cpu (BENCH.md section 7), the Go twin of bench/gort/fanout_cpu.cpp.
package main

import (
	"fmt"
	"gortbench/benchutil"
	"runtime"
	"strconv"
	"sync"
	"time"
)

const totalIters = 200000000
const checksum4Tasks = 0x5befcb60d035df92

// work runs per xorshift64 steps from x = i + 1.
func work(i int, per uint64) uint64 {
	x := uint64(i) + 1
	for k := uint64(0); k < per; k++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

func main() {
	threads := benchutil.SetThreads()
	tasks := 2 * runtime.NumCPU()
	per := uint64(totalIters / tasks)
	res := make([]uint64, tasks)
	var wg sync.WaitGroup
	wg.Add(tasks)
	t0 := time.Now()
	for i := 0; i < tasks; i++ {
		go func(i int) {
			res[i] = work(i, per)
			wg.Done()
		}(i)
	}
	wg.Wait()
	el := time.Since(t0)
	var sum uint64
	for _, x := range res {
		sum ^= x
	}
	extra := fmt.Sprintf("checksum=%016x tasks=%d stack_kb=%d", sum, tasks, benchutil.GoStackKB)
	value := float64(el.Nanoseconds()) / 1e6
	if tasks != 4 {
		// check=unverified: the reference checksum is for 4 tasks only.
		fmt.Printf("RESULT name=fanout_cpu impl=go value=%s unit=ms threads=%d check=unverified %s maxrss_kb=%d\n",
			strconv.FormatFloat(value, 'f', 3, 64), threads, extra, benchutil.MaxRSSKB())
		return
	}
	benchutil.Result("fanout_cpu", value, "ms", threads, sum == checksum4Tasks, extra)
}
