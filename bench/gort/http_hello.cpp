// http_hello (issue 14): a hello-world cpp-httplib server whose connection
// handlers run as goroutines (its TaskQueue interface), under wrk with 200
// connections for 5 s. value: ns per request (1e9 / requests per second;
// lower is better); extra: requests/s and wrk's p99 latency in us. The
// peers: bench/c/http_hello.cpp (cpp-httplib on its own thread pool) and
// bench/go/http_hello (net/http).
#include <httplib.h>

#include <thread>

#include "gort_bench.hpp"
#include "wrk.hpp"

namespace {
struct goroutine_queue : httplib::TaskQueue {
  void enqueue(std::function<void()> fn) override { gort::go(std::move(fn)); }
  void shutdown() override {}
};
}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  gort::set_max_procs(args.threads);
  httplib::Server svr;
  svr.new_task_queue = [] { return new goroutine_queue; };
  svr.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("Hello, World!", "text/plain");
  });
  svr.set_tcp_nodelay(true);  // as Go's net/http does by default
  int port = svr.bind_to_any_port("127.0.0.1");
  gort::go([&] { svr.listen_after_bind(); });
  // wrk from a plain thread: popen/pclose wait inside libc, unseen.
  auto done = gort::make_chan<bench::wrk_result>(1);
  std::thread load([&] { done.send(bench::run_wrk(port, 200, 5)); });
  bench::wrk_result w = *done.recv();
  load.join();
  bench::result r("http_hello", "gort", "ns", args.threads);
  r.value(w.rps > 0 ? 1e9 / w.rps : 0);
  r.check(w.ok && w.non2xx == 0);
  r.extra("rps", w.rps);
  r.extra("p99_us", w.p99_us);
  r.extra("stack_kb", bench::gort_stack_kb());
  int rc = r.print();
  std::fflush(stdout);
  std::_Exit(rc);  // the server's goroutines are still serving keep-alives
}
