// unseen_block (BENCH.md section 9), the Go twin of
// bench/gort/unseen_block.cpp: GOMAXPROCS=1, A blocks for 200 ms in a C
// read() on a raw pipe called through cgo (Go brackets cgo calls with
// entersyscall, so sysmon retakes the P as for a system call), while B
// runs syscall_handoff's 35,000,000-step xorshift loop. value = B's
// lateness, b_done_ms - b_alone_ms (section 8).
package main

/*
#include <unistd.h>
static long c_read(int fd) { char c; return read(fd, &c, 1); }
*/
import "C"

import (
	"fmt"
	"gortbench/benchutil"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var sink uint64

func main() {
	runtime.GOMAXPROCS(1) // the workload is defined on one processor

	// B's loop alone, on the main goroutine.
	s0 := time.Now()
	sink = benchutil.Spin(1, benchutil.HandoffIters)
	bAlone := time.Since(s0)

	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		os.Exit(2)
	}
	var aStarted int32
	var aRead, bDone time.Duration
	nread := -1
	var wg sync.WaitGroup
	wg.Add(2)
	t0 := time.Now()
	go func() { // the timer
		time.Sleep(time.Until(t0.Add(200 * time.Millisecond)))
		syscall.Write(fds[1], []byte{'x'})
	}()
	go func() { // A
		atomic.StoreInt32(&aStarted, 1)
		nread = int(C.c_read(C.int(fds[0])))
		aRead = time.Since(t0)
		wg.Done()
	}()
	go func() { // B
		for atomic.LoadInt32(&aStarted) == 0 {
			runtime.Gosched()
		}
		sink = benchutil.Spin(2, benchutil.HandoffIters)
		bDone = time.Since(t0)
		wg.Done()
	}()
	wg.Wait()

	ms := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
	benchutil.Result("unseen_block", ms(bDone)-ms(bAlone), "ms", 1, nread == 1,
		fmt.Sprintf("b_done_ms=%.3f b_alone_ms=%.3f a_read_ms=%.3f stack_kb=%d",
			ms(bDone), ms(bAlone), ms(aRead), benchutil.GoStackKB))
}
