// syscall_fastpath (issue 4), the Go twin: 1,000,000 syscall.Write calls of
// 1 byte to /dev/null from a goroutine; ns per call.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

func main() {
	threads := 1
	if len(os.Args) > 1 {
		if n, err := strconv.Atoi(os.Args[1]); err == nil && n > 0 {
			threads = n
		}
	}
	runtime.GOMAXPROCS(threads)
	const n = 1000000
	fd, err := syscall.Open("/dev/null", syscall.O_WRONLY, 0)
	if err != nil {
		panic(err)
	}
	buf := []byte{'x'}
	okCalls := 0
	done := make(chan time.Duration)
	go func() {
		t0 := time.Now()
		for i := 0; i < n; i++ {
			if w, _ := syscall.Write(fd, buf); w == 1 {
				okCalls++
			}
		}
		done <- time.Since(t0)
	}()
	el := <-done
	check := "ok"
	if okCalls != n {
		check = "FAIL"
	}
	fmt.Printf("RESULT name=syscall_fastpath impl=go value=%.3f unit=ns_per_call threads=%d check=%s total_ms=%.3f\n",
		float64(el.Nanoseconds())/n, threads, check, float64(el.Nanoseconds())/1e6)
	if check != "ok" {
		os.Exit(1)
	}
}
