// handoff_latency (issue 4), the Go twin of bench/gort/handoff_latency.cpp:
// GOMAXPROCS=1, A blocks in syscall.Read on a raw pipe, B is runnable;
// latency = from just before A's read until B starts running.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"syscall"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	const trials = 1000
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		panic(err)
	}
	us := make([]float64, 0, trials)
	ok := true
	start := time.Now()
	for t := 0; t < trials; t++ {
		var t0, t1 time.Time
		var wg sync.WaitGroup
		wg.Add(2)
		ready := make(chan struct{})
		go func() { // B
			<-ready
			t1 = time.Now()
			if n, _ := syscall.Write(fds[1], []byte{'x'}); n != 1 {
				ok = false
			}
			wg.Done()
		}()
		go func() { // A
			buf := make([]byte, 1)
			t0 = time.Now()
			close(ready) // B becomes runnable; A keeps the P and blocks
			if n, _ := syscall.Read(fds[0], buf); n != 1 {
				ok = false
			}
			wg.Done()
		}()
		wg.Wait()
		if t1.Before(t0) {
			ok = false
		}
		us = append(us, float64(t1.Sub(t0).Nanoseconds())/1000)
	}
	total := time.Since(start)
	sort.Float64s(us)
	check := "ok"
	if !ok {
		check = "FAIL"
	}
	fmt.Printf("RESULT name=handoff_latency impl=go value=%.3f unit=us threads=1 check=%s p99_us=%.3f max_us=%.3f total_ms=%.3f\n",
		us[len(us)/2], check, us[len(us)*99/100], us[len(us)-1], float64(total.Nanoseconds())/1e6)
	if !ok {
		os.Exit(1)
	}
}
