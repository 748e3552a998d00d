// syscall_handoff (BENCH.md section 8), the Go twin of
// bench/gort/syscall_handoff.cpp. Modes: raw (the default: syscall.Pipe,
// blocking fds no poller knows, so A's read is a real blocking system call
// and sysmon must retake the P) and netpoll (os.Pipe: A parks on the
// netpoller and no thread blocks).
package main

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
	threads := benchutil.SetThreads()
	mode := "raw"
	if len(os.Args) > 2 {
		mode = os.Args[2]
	}
	if mode != "raw" && mode != "netpoll" {
		fmt.Fprintln(os.Stderr, "syscall_handoff: mode must be raw or netpoll")
		os.Exit(2)
	}

	// B's loop alone, on the main goroutine.
	s0 := time.Now()
	sink = benchutil.Spin(1, benchutil.HandoffIters)
	bAlone := time.Since(s0)

	var readFn func([]byte) (int, error)
	var writeFn func([]byte) (int, error)
	if mode == "raw" {
		var fds [2]int
		if err := syscall.Pipe(fds[:]); err != nil {
			os.Exit(2)
		}
		readFn = func(b []byte) (int, error) { return syscall.Read(fds[0], b) }
		writeFn = func(b []byte) (int, error) { return syscall.Write(fds[1], b) }
	} else {
		r, w, err := os.Pipe()
		if err != nil {
			os.Exit(2)
		}
		readFn = r.Read
		writeFn = w.Write
	}

	var aStarted int32
	var aRead, bDone time.Duration
	nread := -1
	var wg sync.WaitGroup
	wg.Add(2)
	t0 := time.Now()
	go func() { // the timer
		time.Sleep(time.Until(t0.Add(200 * time.Millisecond)))
		writeFn([]byte{'x'})
	}()
	go func() { // A
		atomic.StoreInt32(&aStarted, 1)
		buf := make([]byte, 1)
		nread, _ = readFn(buf)
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
	benchutil.Result("syscall_handoff", ms(bDone), "ms", threads, nread == 1,
		fmt.Sprintf("b_alone_ms=%.3f a_read_ms=%.3f mode=%s stack_kb=%d", ms(bAlone), ms(aRead), mode, benchutil.GoStackKB))
}
