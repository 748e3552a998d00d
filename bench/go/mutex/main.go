// mutex (issue 2), the Go twin of bench/gort/mutex.cpp: 4 goroutines each
// lock, increment and unlock one sync.Mutex 1,000,000 times.
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

func main() {
	const workers = 4
	const per = 1000000
	const ops = workers * per
	threads := setThreads()
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
	result("mutex", float64(el.Nanoseconds())/ops, "ns_per_op", threads, counter == ops,
		fmt.Sprintf("total_ms=%.3f stack_kb=%d", float64(el.Nanoseconds())/1e6, goStackKB))
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
