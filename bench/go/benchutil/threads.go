package benchutil

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// OSThreads is the process's current OS thread count (`Threads:` of
// /proc/self/status), the number the C++ peers read too.
func OSThreads() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "Threads:") {
			n, _ := strconv.Atoi(strings.TrimSpace(l[len("Threads:"):]))
			return n
		}
	}
	return -1
}

// ThreadsPeak samples threads_peak (BENCH.md section 9) as
// bench/common/threads_peak.hpp does: a sampler on its own OS thread (here
// a goroutine locked to its thread) reads OSThreads every 10 ms and once
// more at Stop; the sampler's thread is not counted.
type ThreadsPeak struct {
	mu   sync.Mutex
	peak int
	stop chan struct{}
	done chan struct{}
}

func (t *ThreadsPeak) sample() {
	n := OSThreads()
	t.mu.Lock()
	if n > t.peak {
		t.peak = n
	}
	t.mu.Unlock()
}

// Start begins sampling: call just before the timed region.
func (t *ThreadsPeak) Start() {
	t.stop, t.done = make(chan struct{}), make(chan struct{})
	started := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		close(started)
		defer close(t.done)
		for {
			t.sample()
			select {
			case <-t.stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	<-started
}

// Stop ends sampling when the timed region ends and returns the peak.
func (t *ThreadsPeak) Stop() int {
	t.sample()
	close(t.stop)
	<-t.done
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.peak - 1
}

// Ftoa formats an extra's value as the C++ peers do (%.3f).
func Ftoa(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
