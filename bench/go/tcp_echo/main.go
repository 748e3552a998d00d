// tcp_echo (issue 14), the Go twin of bench/gort/tcp_echo.cpp: 1,000
// connections x 1,000 round trips of 64 bytes through the net package,
// server and clients in one process. value: ns per round trip.
package main

import (
	"bytes"
	"gortbench/benchutil"
	"io"
	"net"
	"sort"
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
	var wg sync.WaitGroup
	wg.Add(conns)
	t0 := time.Now()
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
				if _, err := c.Write(out); err != nil {
					atomic.AddInt64(&bad, 1)
					break
				}
				if _, err := io.ReadFull(c, in); err != nil || !bytes.Equal(in, out) {
					atomic.AddInt64(&bad, 1)
					break
				}
				lat[i] = append(lat[i], int32(time.Since(s0)/time.Microsecond))
			}
			c.Close()
		}(i)
	}
	wg.Wait()
	total := float64(time.Since(t0).Nanoseconds())
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
	benchutil.Result("tcp_echo", total/n, "ns", threads,
		bad == 0 && len(all) == conns*rounds,
		"rtt_per_s="+ftoa(1e9*n/total)+" p99_us="+ftoa(p99)+" stack_kb=2")
}
