// idle_memory (BENCH.md section 5), the Go twin of
// bench/gort/idle_memory.cpp.
package main

import (
	"bufio"
	"fmt"
	"gortbench/benchutil"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	threads := benchutil.SetThreads()
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
	benchutil.Result("idle_memory", value, "bytes_per_task", threads, atomic.LoadInt64(&released) == n,
		fmt.Sprintf("rss_before_kb=%d rss_after_kb=%d stack_kb=%d", before, after, benchutil.GoStackKB))
}
