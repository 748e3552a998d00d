// unseen_block_latency (issue 16): with one processor, goroutine A blocks
// for 200 ms in a read the runtime cannot see (syscall(SYS_read, ...), as
// libc's internal reads are: no entersyscall), while goroutine B is
// runnable and waits for the processor. sysmon notices A's thread asleep in
// the kernel holding its P and adds a spare P. Latency = from just before
// A's read until B starts running; 10 trials, value = median in ms. The Go
// twin makes the same read through cgo (a C read(), which Go brackets with
// entersyscall, so it is a seen call there).
#include <gort/gort.hpp>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "gort_bench.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(1);  // the workload is defined on one processor
  constexpr int trials = 10;
  std::vector<double> ms;
  bool ok = true;
  int fds[2];
  if (pipe(fds) != 0) return 1;
  for (int t = 0; t < trials; ++t) {
    // Let sysmon see the last trial's sleeper back and drop its spare P
    // (it looks every 10 ms when idle): each trial starts with one P.
    gort::sleep_for(std::chrono::milliseconds(50));
    std::atomic<std::int64_t> t0{0};
    std::int64_t t1 = 0, t_back = 0;
    // A plain thread ends A's read after 200 ms.
    std::thread writer([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      char c = 'x';
      if (write(fds[1], &c, 1) != 1) ok = false;
    });
    gort::wait_group wg;
    wg.add(2);
    gort::go([&] {  // B: queued first, runs once another M has a P
      t1 = bench::now_ns();
      wg.done();
    });
    gort::go([&] {  // A: in runnext, so it runs before B
      char c;
      t0.store(bench::now_ns());
      if (syscall(SYS_read, fds[0], &c, 1) != 1) ok = false;
      t_back = bench::now_ns();
      wg.done();
    });
    wg.wait();
    writer.join();
    if (t1 < t0.load() || t1 > t_back) ok = false;  // B must run during the read
    ms.push_back(double(t1 - t0.load()) / 1e6);
  }
  std::sort(ms.begin(), ms.end());
  bench::result r("unseen_block_latency", "gort", "ms", 1);
  r.value(ms[ms.size() / 2]);
  r.check(ok);
  r.extra("max_ms", ms.back());
  (void)args;
  return r.print();
}
