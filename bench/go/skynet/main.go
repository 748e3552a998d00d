// skynet (BENCH.md section 1), the Go twin of bench/gort/skynet.cpp.
package main

import (
	"fmt"
	"gortbench/benchutil"
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
	threads := benchutil.SetThreads()
	c := make(chan int64)
	t0 := time.Now()
	go skynet(c, 0, 1000000, 10)
	sum := <-c
	el := time.Since(t0)
	ok := sum == 499999500000
	benchutil.Result("skynet", float64(el.Nanoseconds())/1e6, "ms", threads, ok,
		fmt.Sprintf("result=%d stack_kb=%d", sum, benchutil.GoStackKB))
}
