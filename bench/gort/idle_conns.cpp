// idle_conns (issue 14): 10,000 open idle TCP connections (both ends in
// this process), each server end with a goroutine blocked in read().
// value: RSS bytes per connection (RSS with all connected and blocked,
// minus RSS before, over the connections); extra: OS threads then. The
// connection count is capped so that both ends fit RLIMIT_NOFILE (this
// machine's hard limit is 20,000: 9,990 connections).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "gort_bench.hpp"

namespace {
int os_threads() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  return -1;
}
}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);
  rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
  int conns = int(std::min<rlim_t>(10000, (rl.rlim_cur - 20) / 2));
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t alen = sizeof addr;
  if (bind(ls, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(ls, 4096) != 0 ||
      getsockname(ls, reinterpret_cast<sockaddr*>(&addr), &alen) != 0)
    return 2;
  long rss0 = bench::vmrss_kb();
  std::atomic<int> blocked{0}, woke{0};
  gort::wait_group served;
  served.add(conns);
  gort::go([&, ls] {
    for (int i = 0; i < conns; ++i) {
      int c = accept(ls, nullptr, nullptr);
      if (c < 0) return;
      gort::go([&, c] {
        char b;
        ++blocked;
        if (read(c, &b, 1) == 0) ++woke;  // EOF when the client closes
        close(c);
        served.done();
      });
    }
  });
  std::vector<int> clients(conns);
  for (int i = 0; i < conns; ++i) {
    clients[i] = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(clients[i], reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return 2;
  }
  while (blocked.load() < conns) gort::sleep_for(std::chrono::milliseconds(1));
  gort::sleep_for(std::chrono::milliseconds(100));  // let every reader park
  long rss1 = bench::vmrss_kb();
  int threads = os_threads();
  for (int c : clients) close(c);
  served.wait();
  bench::result r("idle_conns", "gort", "B/conn", args.threads);
  r.value(double(rss1 - rss0) * 1024.0 / conns);
  r.check(woke.load() == conns);
  r.extra("conns", double(conns));
  r.extra("threads", double(threads));
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
