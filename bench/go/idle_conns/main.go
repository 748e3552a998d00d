// idle_conns (issue 14), the Go twin of bench/gort/idle_conns.cpp: idle
// TCP connections, each server end with a goroutine blocked in Read.
// value: RSS bytes per connection; extra: OS threads.
package main

import (
	"gortbench/benchutil"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func status(key string) int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, key) {
			f := strings.Fields(l[len(key):])
			if len(f) > 0 {
				v, _ := strconv.ParseInt(f[0], 10, 64)
				return v
			}
		}
	}
	return -1
}

func main() {
	threads := benchutil.SetThreads()
	var rl syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl)
	rl.Cur = rl.Max
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
	conns := 10000
	if m := int((rl.Cur - 20) / 2); m < conns {
		conns = m
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	rss0 := status("VmRSS:")
	var blocked, woke int64
	var served sync.WaitGroup
	served.Add(conns)
	go func() {
		for i := 0; i < conns; i++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				b := make([]byte, 1)
				atomic.AddInt64(&blocked, 1)
				if n, _ := c.Read(b); n == 0 {
					atomic.AddInt64(&woke, 1)
				}
				c.Close()
				served.Done()
			}(c)
		}
	}()
	clients := make([]net.Conn, conns)
	for i := range clients {
		if clients[i], err = net.Dial("tcp", ln.Addr().String()); err != nil {
			panic(err)
		}
	}
	for atomic.LoadInt64(&blocked) < int64(conns) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	rss1 := status("VmRSS:")
	th := status("Threads:")
	for _, c := range clients {
		c.Close()
	}
	served.Wait()
	benchutil.Result("idle_conns", float64(rss1-rss0)*1024/float64(conns), "B/conn", threads,
		woke == int64(conns), "conns="+strconv.Itoa(conns)+" threads="+strconv.FormatInt(th, 10)+" stack_kb=2")
}
