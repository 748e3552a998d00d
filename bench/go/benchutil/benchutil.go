// Package benchutil holds what every Go twin of bench/gort shares: the
// thread-count argument and the RESULT line (bench/README.md).
package benchutil

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"syscall"
)

// GoStackKB: Go 1.19 starts every goroutine on a 2 kB stack
// (_StackMin = 2048) and grows it by copying.
const GoStackKB = 2

// SetThreads applies `<prog> [threads]` as GOMAXPROCS and returns it.
func SetThreads() int {
	if len(os.Args) > 1 {
		if n, err := strconv.Atoi(os.Args[1]); err == nil && n > 0 {
			runtime.GOMAXPROCS(n)
		}
	}
	return runtime.GOMAXPROCS(0)
}

// MaxRSSKB is the process's peak resident set, in kB.
func MaxRSSKB() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss
}

// Result prints the RESULT line and exits 1 when the check failed.
func Result(name string, value float64, unit string, threads int, ok bool, extra string) {
	check := "ok"
	if !ok {
		check = "FAIL"
	}
	fmt.Printf("RESULT name=%s impl=go value=%s unit=%s threads=%d check=%s %s maxrss_kb=%d\n",
		name, strconv.FormatFloat(value, 'f', 3, 64), unit, threads, check, extra, MaxRSSKB())
	if !ok {
		os.Exit(1)
	}
}
