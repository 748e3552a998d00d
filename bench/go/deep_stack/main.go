// deep_stack (BENCH.md section 6), the Go twin of bench/gort/deep_stack.cpp.
// Modes: same (name=deep_stack, the default) and fresh (name=deep_stack_fresh).
// Goroutines start from Go's default stack and grow it by copying.
package main

import (
	"fmt"
	"gortbench/benchutil"
	"os"
	"sync"
	"time"
)

const depth = 100000
const expected = 50048 // rec(100000)

// rec has a frame of at least 256 bytes: buf is indexed with run-time
// values before and after the recursive call, so it lives in the frame.
//
//go:noinline
func rec(d int) int {
	var buf [256]byte
	buf[d%256] = byte(d % 256)
	if d == 0 {
		return int(buf[0])
	}
	r := rec(d - 1)
	return r + int(buf[(7*d)%256])
}

func main() {
	const reps = 10
	threads := benchutil.SetThreads()
	mode := "same"
	if len(os.Args) > 2 {
		mode = os.Args[2]
	}
	if mode != "same" && mode != "fresh" {
		fmt.Fprintln(os.Stderr, "deep_stack: mode must be same or fresh")
		os.Exit(2)
	}
	total := 0
	t0 := time.Now()
	if mode == "fresh" {
		for i := 0; i < reps; i++ {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				total += rec(depth)
				wg.Done()
			}()
			wg.Wait()
		}
	} else {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			for i := 0; i < reps; i++ {
				total += rec(depth)
			}
			wg.Done()
		}()
		wg.Wait()
	}
	el := time.Since(t0)
	name := "deep_stack"
	if mode == "fresh" {
		name = "deep_stack_fresh"
	}
	benchutil.Result(name, float64(el.Nanoseconds())/1e6, "ms", threads, total == reps*expected,
		fmt.Sprintf("result=%d mode=%s stack_kb=%d", total, mode, benchutil.GoStackKB))
}
