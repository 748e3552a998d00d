// http_hello (issue 14), the Go twin of bench/gort/http_hello.cpp: a
// net/http hello-world server under wrk (200 connections, 5 s).
// value: ns per request.
package main

import (
	"bufio"
	"bytes"
	"gortbench/benchutil"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
)

func usOf(s string) float64 {
	for _, u := range []struct {
		suf string
		mul float64
	}{{"us", 1}, {"ms", 1e3}, {"s", 1e6}} {
		if strings.HasSuffix(s, u.suf) {
			v, _ := strconv.ParseFloat(strings.TrimSuffix(s, u.suf), 64)
			return v * u.mul
		}
	}
	return 0
}

func main() {
	threads := benchutil.SetThreads()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Hello, World!"))
	}))
	port := ln.Addr().(*net.TCPAddr).Port
	out, _ := exec.Command("wrk", "-t2", "-c200", "-d5s", "--latency",
		"http://127.0.0.1:"+strconv.Itoa(port)+"/").CombinedOutput()
	var rps, p99 float64
	ok, non2xx := false, false
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "Requests/sec:" {
			rps, _ = strconv.ParseFloat(f[1], 64)
			ok = true
		} else if len(f) >= 2 && f[0] == "99%" {
			p99 = usOf(f[1])
		} else if len(f) >= 1 && f[0] == "Non-2xx" {
			non2xx = true
		}
	}
	v := 0.0
	if rps > 0 {
		v = 1e9 / rps
	}
	benchutil.Result("http_hello", v, "ns", threads, ok && !non2xx,
		"rps="+strconv.FormatFloat(rps, 'f', 1, 64)+" p99_us="+strconv.FormatFloat(p99, 'f', 1, 64)+" stack_kb=2")
}
