// idle_conns (BENCH.md section 9), the Go twin of bench/gort/idle_conns.cpp:
// 10,000 accepted TCP connections, each with a goroutine blocked in Read;
// one second after the last of them blocked, value = RSS growth per
// connection, extra threads = the OS thread count (/proc/self/status). The
// client ends live in a child process (this program run again with
// BENCH_IDLE_CONNS_CLIENT set), as in the C++ program.
package main

import (
	"fmt"
	"gortbench/benchutil"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const conns = 10000
const clientEnv = "BENCH_IDLE_CONNS_CLIENT"

func vmRSSKB() int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			if f := strings.Fields(l[len("VmRSS:"):]); len(f) > 0 {
				v, _ := strconv.ParseInt(f[0], 10, 64)
				return v
			}
		}
	}
	return -1
}

// client connects n sockets to addr, holds them until stdin reaches EOF,
// then exits (closing them all).
func client(spec string) {
	var addr string
	var n int
	if _, err := fmt.Sscanf(spec, "%s %d", &addr, &n); err != nil {
		os.Exit(2)
	}
	cs := make([]net.Conn, n)
	for i := range cs {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "idle_conns client:", err)
			os.Exit(2)
		}
		cs[i] = c
	}
	io.Copy(io.Discard, os.Stdin)
	os.Exit(0)
}

func main() {
	var rl syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl)
	rl.Cur = rl.Max
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
	if spec, ok := os.LookupEnv(clientEnv); ok {
		client(spec)
	}
	threads := benchutil.SetThreads()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	rss0 := vmRSSKB()
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
					atomic.AddInt64(&woke, 1) // EOF when the client exits
				}
				c.Close()
				served.Done()
			}(c)
		}
	}()

	cmd := exec.Command("/proc/self/exe")
	cmd.Env = append(os.Environ(), clientEnv+"="+ln.Addr().String()+" "+strconv.Itoa(conns))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		panic(err)
	}
	if err := cmd.Start(); err != nil {
		panic(err)
	}
	var exited int32
	exitErr := make(chan error, 1)
	go func() {
		err := cmd.Wait()
		atomic.StoreInt32(&exited, 1)
		exitErr <- err
	}()
	childOK := true
	for atomic.LoadInt64(&blocked) < conns {
		if atomic.LoadInt32(&exited) != 0 { // the child gave up
			childOK = false
			break
		}
		time.Sleep(time.Millisecond)
	}
	var rss1 int64
	th := 0
	if childOK {
		time.Sleep(time.Second)
		rss1 = vmRSSKB()
		th = benchutil.OSThreads()
	}
	stdin.Close() // the child exits and its sockets close
	if err := <-exitErr; err != nil {
		childOK = false
	}
	if childOK {
		served.Wait()
	}
	value := 0.0
	if childOK {
		value = float64(rss1-rss0) * 1024 / conns
	}
	benchutil.Result("idle_conns", value, "bytes_per_conn", threads,
		childOK && atomic.LoadInt64(&woke) == conns,
		fmt.Sprintf("threads=%d conns=%d rss_before_kb=%d rss_after_kb=%d stack_kb=2", th, conns, rss0, rss1))
}
