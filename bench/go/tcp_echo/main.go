// tcp_echo (BENCH.md section 9), the Go twin of bench/gort/tcp_echo.cpp:
// 1,000 connections x 1,000 round trips of 64 bytes through the net
// package, server and clients in one process. Timed region: from the first
// client write to the last response. value: round trips per second;
// extras p99_us, threads_peak.
package main

import (
	"bytes"
	"gortbench/benchutil"
	"io"
	"math"
	"net"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

const conns, rounds, size = 1000, 1000, 64

func main() {
	threads := benchutil.SetThreads()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				buf := make([]byte, size)
				for {
					if _, err := io.ReadFull(c, buf); err != nil {
						break
					}
					if _, err := c.Write(buf); err != nil {
						break
					}
				}
				c.Close()
			}(c)
		}
	}()
	lat := make([][]int32, conns)
	var bad int64
	// The timed region's ends: the earliest first write and the latest
	// last response over all clients, in ns since base.
	base := time.Now()
	firstWrite, lastResponse := int64(math.MaxInt64), int64(0)
	var ends sync.Mutex
	var wg sync.WaitGroup
	wg.Add(conns)
	var peak benchutil.ThreadsPeak
	peak.Start()
	for i := 0; i < conns; i++ {
		go func(i int) {
			defer wg.Done()
			lat[i] = make([]int32, 0, rounds)
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				atomic.AddInt64(&bad, 1)
				return
			}
			out, in := make([]byte, size), make([]byte, size)
			for k := 0; k < rounds; k++ {
				for j := range out {
					out[j] = byte('a' + (i+k)%26)
				}
				s0 := time.Now()
				if k == 0 {
					ends.Lock()
					if t := int64(s0.Sub(base)); t < firstWrite {
						firstWrite = t
					}
					ends.Unlock()
				}
				if _, err := c.Write(out); err != nil {
					atomic.AddInt64(&bad, 1)
					break
				}
				if _, err := io.ReadFull(c, in); err != nil || !bytes.Equal(in, out) {
					atomic.AddInt64(&bad, 1)
					break
				}
				s1 := time.Now()
				lat[i] = append(lat[i], int32(s1.Sub(s0)/time.Microsecond))
				if k == rounds-1 {
					ends.Lock()
					if t := int64(s1.Sub(base)); t > lastResponse {
						lastResponse = t
					}
					ends.Unlock()
				}
			}
			c.Close()
		}(i)
	}
	wg.Wait()
	threadsPeak := peak.Stop()
	total := float64(lastResponse - firstWrite)
	var all []int32
	for _, v := range lat {
		all = append(all, v...)
	}
	sort.Slice(all, func(a, b int) bool { return all[a] < all[b] })
	n := float64(len(all))
	p99 := 0.0
	if len(all) > 0 {
		p99 = float64(all[int(n*0.99)])
	}
	ok := bad == 0 && len(all) == conns*rounds
	value, totalMS := 0.0, 0.0
	if ok {
		value, totalMS = 1e9*n/total, total/1e6
	}
	benchutil.Result("tcp_echo", value, "roundtrips_per_s", threads, ok,
		"p99_us="+benchutil.Ftoa(p99)+" threads_peak="+strconv.Itoa(threadsPeak)+
			" total_ms="+benchutil.Ftoa(totalMS)+" stack_kb=2")
}
