// http_hello (BENCH.md section 9), the Go twin of bench/gort/http_hello.cpp:
// a net/http server answering GET / with "hello" (keep-alive on and Nagle
// off: net/http's defaults), loaded by `wrk -t2 -c200 -d10s --latency`.
// value: requests per second; extras p50_ms, p99_ms, threads_peak.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"gortbench/benchutil"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
)

// msOf parses wrk's "812.00us", "1.20ms", "2.00s".
func msOf(s string) float64 {
	for _, u := range []struct {
		suf string
		mul float64
	}{{"us", 1e-3}, {"ms", 1}, {"m", 60e3}, {"s", 1e3}} {
		if strings.HasSuffix(s, u.suf) {
			v, _ := strconv.ParseFloat(strings.TrimSuffix(s, u.suf), 64)
			return v * u.mul
		}
	}
	return 0
}

// bodyOK: one GET / over a fresh connection answers 200 with "hello".
func bodyOK(url string) bool {
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	res, err := (&http.Client{Transport: tr}).Get(url)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return err == nil && res.StatusCode == 200 && string(b) == "hello"
}

func main() {
	threads := benchutil.SetThreads()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("hello"))
	}))
	url := "http://127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port) + "/"
	body := bodyOK(url)
	var peak benchutil.ThreadsPeak
	peak.Start()
	out, err := exec.Command("wrk", "-t2", "-c200", "-d10s", "--latency", url).CombinedOutput()
	threadsPeak := peak.Stop()
	var rps, p50, p99 float64
	ok := err == nil
	ran := false
	non2xx, socketErrors := int64(0), int64(0)
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "Requests/sec:":
			rps, _ = strconv.ParseFloat(f[1], 64)
			ran = true
		case len(f) >= 2 && f[0] == "50%":
			p50 = msOf(f[1])
		case len(f) >= 2 && f[0] == "99%":
			p99 = msOf(f[1])
		case strings.HasPrefix(line, "Non-2xx"):
			non2xx, _ = strconv.ParseInt(strings.TrimSpace(line[strings.Index(line, ":")+1:]), 10, 64)
		case strings.HasPrefix(line, "Socket errors:"):
			// "Socket errors: connect 0, read 0, write 0, timeout 12"
			for _, w := range strings.Fields(strings.ReplaceAll(line[len("Socket errors:"):], ",", " ")) {
				if v, err := strconv.ParseInt(w, 10, 64); err == nil {
					socketErrors += v
				}
			}
		}
	}
	benchutil.Result("http_hello", rps, "requests_per_s", threads, body && ok && ran && non2xx == 0,
		fmt.Sprintf("p50_ms=%.3f p99_ms=%.3f threads_peak=%d socket_errors=%d stack_kb=2",
			p50, p99, threadsPeak, socketErrors))
}
