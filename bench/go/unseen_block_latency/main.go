// unseen_block_latency (issue 16), the Go twin of
// bench/gort/unseen_block_latency.cpp: GOMAXPROCS=1, A blocks for 200 ms
// in a C read() called through cgo (Go brackets cgo calls with
// entersyscall, so sysmon retakes the P as for a system call), B is
// runnable; latency = from just before A's read until B starts running.
package main

/*
#include <unistd.h>
static long c_read(int fd) { char c; return read(fd, &c, 1); }
*/
import "C"

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
	const trials = 10
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		panic(err)
	}
	ms := make([]float64, 0, trials)
	ok := true
	for t := 0; t < trials; t++ {
		var t0, t1, tBack time.Time
		var wg sync.WaitGroup
		wg.Add(3)
		ready := make(chan struct{})
		go func() { // the writer ends A's read after 200 ms
			time.Sleep(200 * time.Millisecond)
			if n, _ := syscall.Write(fds[1], []byte{'x'}); n != 1 {
				ok = false
			}
			wg.Done()
		}()
		go func() { // B
			<-ready
			t1 = time.Now()
			wg.Done()
		}()
		go func() { // A
			t0 = time.Now()
			close(ready) // B becomes runnable; A keeps the P and blocks
			if C.c_read(C.int(fds[0])) != 1 {
				ok = false
			}
			tBack = time.Now()
			wg.Done()
		}()
		wg.Wait()
		if t1.Before(t0) || t1.After(tBack) {
			ok = false
		}
		ms = append(ms, float64(t1.Sub(t0).Nanoseconds())/1e6)
	}
	sort.Float64s(ms)
	check := "ok"
	if !ok {
		check = "FAIL"
	}
	fmt.Printf("RESULT name=unseen_block_latency impl=go value=%.3f unit=ms threads=1 check=%s max_ms=%.3f\n",
		ms[len(ms)/2], check, ms[len(ms)-1])
	if !ok {
		os.Exit(1)
	}
}
