// idle_memory (BENCH.md section 5), the Go twin of
// bench/gort/idle_memory.cpp.
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// vmRSSKB reads the VmRSS line of /proc/self/status.
func vmRSSKB() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if line := s.Text(); strings.HasPrefix(line, "VmRSS:") {
			fields := strings.Fields(line[6:])
			if len(fields) > 0 {
				kb, _ := strconv.ParseInt(fields[0], 10, 64)
				return kb
			}
		}
	}
	return -1
}

func main() {
	const n = 100000
	threads := setThreads()
	c := make(chan int)
	var parked, released int64
	var wg sync.WaitGroup
	wg.Add(n)

	before := vmRSSKB()
	for i := 0; i < n; i++ {
		go func() {
			atomic.AddInt64(&parked, 1)
			if _, ok := <-c; !ok {
				atomic.AddInt64(&released, 1)
			}
			wg.Done()
		}()
	}
	for atomic.LoadInt64(&parked) < n {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	after := vmRSSKB()
	close(c)
	wg.Wait()

	value := math.Round(float64(after-before) * 1024 / n)
	result("idle_memory", value, "bytes_per_task", threads, atomic.LoadInt64(&released) == n,
		fmt.Sprintf("rss_before_kb=%d rss_after_kb=%d stack_kb=%d", before, after, goStackKB))
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
