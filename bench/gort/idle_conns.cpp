// idle_conns (BENCH.md section 9): 10,000 accepted TCP connections, each
// with a goroutine blocked in read(). One second after the last of them
// blocked: value = RSS growth per connection (VmRSS then minus VmRSS
// before the first accept, over the connections); extra `threads`: the
// process's OS thread count then (/proc/self/status). The client ends live
// in a child process (this program run again with BENCH_IDLE_CONNS_CLIENT
// set), so that the 10,000 server ends alone fit RLIMIT_NOFILE (20,000 on
// the reference machine, too few for both ends in one process) and the
// clients' memory is not counted. The Go twin does the same.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <string>
#include <vector>

#include "gort_bench.hpp"
#include "loopback.hpp"
#include "threads_peak.hpp"

extern char** environ;

namespace {
constexpr int kConns = 10000;
constexpr const char* kClientEnv = "BENCH_IDLE_CONNS_CLIENT";

void raise_nofile() {
  rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
}

// The child: connects `n` sockets to 127.0.0.1:port, then holds them until
// its stdin reaches EOF (the parent closed the pipe), and exits.
int client(const char* spec) {
  int port = 0, n = 0;
  if (std::sscanf(spec, "%d %d", &port, &n) != 2) return 2;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(std::uint16_t(port));
  std::vector<int> socks(n);
  for (int& s : socks) {
    s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0 || connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      std::perror("idle_conns client: connect");
      return 2;
    }
  }
  char b;
  while (read(0, &b, 1) > 0) {
  }
  return 0;  // exit closes every socket: the server's reads see EOF
}
}  // namespace

int main(int argc, char** argv) {
  raise_nofile();
  if (const char* spec = std::getenv(kClientEnv)) return client(spec);
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);
  sockaddr_in addr;
  int ls = bench::loopback_listener(&addr);
  if (ls < 0) return 2;
  long rss0 = bench::vmrss_kb();
  std::atomic<int> blocked{0}, woke{0};
  gort::wait_group served;
  served.add(kConns);
  gort::go([&, ls] {
    for (int i = 0; i < kConns; ++i) {
      int c = accept(ls, nullptr, nullptr);
      if (c < 0) return;
      gort::go([&, c] {
        char b;
        ++blocked;
        if (read(c, &b, 1) == 0) ++woke;  // EOF when the client exits
        close(c);
        served.done();
      });
    }
  });

  // The clients: this program again, its stdin the read end of a pipe.
  int ctl[2];
  if (pipe2(ctl, O_CLOEXEC) != 0) return 2;
  std::string env = std::string(kClientEnv) + "=" +
                    std::to_string(ntohs(addr.sin_port)) + " " + std::to_string(kConns);
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e) envp.push_back(*e);
  envp.push_back(env.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, ctl[0], 0);
  pid_t child = -1;
  char* child_argv[] = {argv[0], nullptr};
  if (posix_spawn(&child, "/proc/self/exe", &fa, nullptr, child_argv, envp.data()) != 0)
    return 2;
  posix_spawn_file_actions_destroy(&fa);
  close(ctl[0]);

  bool child_ok = true;
  while (blocked.load() < kConns) {
    int st;
    if (waitpid(child, &st, WNOHANG) == child) {  // the child gave up
      child_ok = false;
      break;
    }
    gort::sleep_for(std::chrono::milliseconds(1));
  }
  long rss1 = 0;
  int threads = 0;
  if (child_ok) {
    gort::sleep_for(std::chrono::seconds(1));
    rss1 = bench::vmrss_kb();
    threads = bench::os_threads();
  }
  close(ctl[1]);  // the child exits and its sockets close
  int st = 0;
  if (child_ok) {
    waitpid(child, &st, 0);
    child_ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
    served.wait();
  }
  bench::result r("idle_conns", "gort", "bytes_per_conn", args.threads);
  r.value(child_ok ? double(rss1 - rss0) * 1024.0 / kConns : 0);
  r.check(child_ok && woke.load() == kConns);
  r.extra("threads", static_cast<long long>(threads));
  r.extra("conns", static_cast<long long>(kConns));
  r.extra("rss_before_kb", static_cast<long long>(rss0));
  r.extra("rss_after_kb", static_cast<long long>(rss1));
  r.extra("stack_kb", bench::gort_stack_kb());
  return r.print();
}
