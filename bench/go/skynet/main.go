// skynet (BENCH.md section 1), the Go twin of bench/gort/skynet.cpp.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

func skynet(c chan int64, num, size, div int64) {
	if size == 1 {
		c <- num
		return
	}
	rc := make(chan int64)
	for i := int64(0); i < div; i++ {
		go skynet(rc, num+i*(size/div), size/div, div)
	}
	var sum int64
	for i := int64(0); i < div; i++ {
		sum += <-rc
	}
	c <- sum
}

func main() {
	threads := setThreads()
	c := make(chan int64)
	t0 := time.Now()
	go skynet(c, 0, 1000000, 10)
	sum := <-c
	el := time.Since(t0)
	ok := sum == 499999500000
	result("skynet", float64(el.Nanoseconds())/1e6, "ms", threads, ok,
		fmt.Sprintf("result=%d stack_kb=%d", sum, goStackKB))
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
