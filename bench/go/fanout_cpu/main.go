// fanout_cpu (BENCH.md section 7), the Go twin of bench/gort/fanout_cpu.cpp.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"syscall"
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
	threads := setThreads()
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
	extra := fmt.Sprintf("checksum=%016x tasks=%d stack_kb=%d", sum, tasks, goStackKB)
	value := float64(el.Nanoseconds()) / 1e6
	if tasks != 4 {
		// check=unverified: the reference checksum is for 4 tasks only.
		fmt.Printf("RESULT name=fanout_cpu impl=go value=%s unit=ms threads=%d check=unverified %s maxrss_kb=%d\n",
			strconv.FormatFloat(value, 'f', 3, 64), threads, extra, maxRSSKB())
		return
	}
	result("fanout_cpu", value, "ms", threads, sum == checksum4Tasks, extra)
}

// ---- shared by every Go twin (each twin is one self-contained file) ----

// Go 1.19 starts every goroutine on a 2 kB stack (_StackMin = 2048) and
// grows it by copying.
const goStackKB = 2

// setThreads applies `<prog> [threads]` as GOMAXPROCS and returns it.
func setThreads() int {
	if len(os.Args) > 1 {
		if n, err := strconv.Atoi(os.Args[1]); err == nil && n > 0 {
			runtime.GOMAXPROCS(n)
		}
	}
	return runtime.GOMAXPROCS(0)
}

func maxRSSKB() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss
}

// result prints the RESULT line and exits 1 when the check failed.
func result(name string, value float64, unit string, threads int, ok bool, extra string) {
	check := "ok"
	if !ok {
		check = "FAIL"
	}
	fmt.Printf("RESULT name=%s impl=go value=%s unit=%s threads=%d check=%s %s maxrss_kb=%d\n",
		name, strconv.FormatFloat(value, 'f', 3, 64), unit, threads, check, extra, maxRSSKB())
	if !ok {
		os.Exit(1)
	}
}
