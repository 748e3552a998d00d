// http_hello (BENCH.md section 9): a cpp-httplib server answering GET /
// with "hello" (keep-alive on, Nagle off: bench/common/http_hello.hpp)
// whose connection handlers run as goroutines (its TaskQueue interface),
// loaded by `wrk -t2 -c200 -d10s --latency`. value: requests per second
// (higher is better); extras p50_ms, p99_ms (wrk's latency distribution)
// and threads_peak during the wrk run. The peers: bench/c/http_hello.cpp
// (impl=httplib_threads: cpp-httplib on its own thread pool) and
// bench/go/http_hello (net/http). wrk shares the 2 cores with the server.
#include <thread>

#include "gort_bench.hpp"
#include "http_hello.hpp"
#include "threads_peak.hpp"

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
  bench::hello_server(svr);
  int port = svr.bind_to_any_port("127.0.0.1");
  gort::go([&] { svr.listen_after_bind(); });
  // The client side from a plain thread: popen/pclose wait inside libc,
  // unseen.
  struct outcome {
    bool body_ok;
    bench::wrk_result w;
    int threads_peak;
  };
  auto done = gort::make_chan<outcome>(1);
  std::thread load([&] {
    outcome o{};
    o.body_ok = bench::hello_body_ok(port);
    bench::threads_peak peak;
    peak.start();
    o.w = bench::run_wrk(port);
    o.threads_peak = peak.stop();
    done.send(o);
  });
  outcome o = *done.recv();
  load.join();
  int rc = bench::hello_result("gort", args.threads, o.body_ok, o.w, o.threads_peak,
                               bench::gort_stack_kb());
  std::_Exit(rc);  // the server's goroutines are still serving keep-alives
}
