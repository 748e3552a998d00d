// tcp_echo (BENCH.md section 9): 1,000 TCP connections x 1,000 round trips
// of 64 bytes, an echo server (goroutine per connection, read -> write) and
// its clients in one process, plain blocking socket calls parked on the
// network poller. Timed region: from the first client write to the last
// response. value: round trips per second (higher is better); extras: the
// p99 round-trip latency in us and threads_peak (bench/common/threads_peak.hpp).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <atomic>
#include <cstring>
#include <vector>

#include "gort_bench.hpp"
#include "loopback.hpp"
#include "threads_peak.hpp"

namespace {
constexpr int kConns = 1000, kRounds = 1000, kSize = 64;

bool full(ssize_t (*op)(int, void*, size_t), int fd, char* p, std::size_t n) {
  while (n > 0) {
    ssize_t r = op(fd, p, n);
    if (r <= 0) return false;
    p += r;
    n -= std::size_t(r);
  }
  return true;
}
ssize_t do_read(int fd, void* p, size_t n) { return read(fd, p, n); }
ssize_t do_write(int fd, void* p, size_t n) { return write(fd, p, n); }

void atomic_min(std::atomic<std::int64_t>& a, std::int64_t v) {
  std::int64_t cur = a.load();
  while (v < cur && !a.compare_exchange_weak(cur, v)) {
  }
}
void atomic_max(std::atomic<std::int64_t>& a, std::int64_t v) {
  std::int64_t cur = a.load();
  while (v > cur && !a.compare_exchange_weak(cur, v)) {
  }
}
}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);
  sockaddr_in addr;
  int ls = bench::loopback_listener(&addr);
  if (ls < 0) return 2;
  gort::go([ls] {
    for (;;) {
      int c = accept(ls, nullptr, nullptr);
      if (c < 0) return;
      gort::go([c] {
        int one = 1;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        char buf[kSize];
        while (full(do_read, c, buf, kSize) && full(do_write, c, buf, kSize)) {
        }
        close(c);
      });
    }
  });
  std::vector<std::vector<std::int32_t>> lat(kConns);
  std::atomic<long> bad{0};
  // The timed region's ends: the earliest first write, the latest last
  // response, over all clients.
  std::atomic<std::int64_t> first_write{INT64_MAX}, last_response{0};
  gort::wait_group wg;
  wg.add(kConns);
  bench::threads_peak peak;
  peak.start();
  for (int i = 0; i < kConns; ++i)
    gort::go([&, i] {
      lat[i].reserve(kRounds);
      int s = socket(AF_INET, SOCK_STREAM, 0);
      int one = 1;
      setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ++bad;
        wg.done();
        return;
      }
      char out[kSize], in[kSize];
      for (int k = 0; k < kRounds; ++k) {
        std::memset(out, 'a' + (i + k) % 26, kSize);
        std::int64_t s0 = bench::now_ns();
        if (k == 0) atomic_min(first_write, s0);
        if (!full(do_write, s, out, kSize) || !full(do_read, s, in, kSize) ||
            std::memcmp(in, out, kSize) != 0) {
          ++bad;
          break;
        }
        std::int64_t s1 = bench::now_ns();
        lat[i].push_back(std::int32_t((s1 - s0) / 1000));
        if (k == kRounds - 1) atomic_max(last_response, s1);
      }
      close(s);
      wg.done();
    });
  wg.wait();
  int threads_peak = peak.stop();
  double total_ns = double(last_response.load() - first_write.load());
  std::vector<std::int32_t> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  double n = double(all.size());
  bench::result r("tcp_echo", "gort", "roundtrips_per_s", args.threads);
  bool ok = bad.load() == 0 && all.size() == std::size_t(kConns) * kRounds;
  r.value(ok ? 1e9 * n / total_ns : 0);
  r.check(ok);
  r.extra("p99_us", all.empty() ? 0.0 : double(all[std::size_t(n * 0.99)]));
  r.extra("threads_peak", static_cast<long long>(threads_peak));
  r.extra("total_ms", ok ? total_ns / 1e6 : 0.0);
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
