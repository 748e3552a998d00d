// http_hello's thread-pool peer (impl=httplib_threads, BENCH.md section 9):
// the same cpp-httplib server as bench/gort/http_hello.cpp on cpp-httplib's
// own thread pool (CPPHTTPLIB_THREAD_POOL_COUNT threads, each serving one
// connection at a time), no gort. Built with plain clang++.
#include <thread>

#include "http_hello.hpp"
#include "threads_peak.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  httplib::Server svr;
  bench::hello_server(svr);
  int port = svr.bind_to_any_port("127.0.0.1");
  std::thread server([&] { svr.listen_after_bind(); });
  bool body_ok = bench::hello_body_ok(port);
  bench::threads_peak peak;
  peak.start();
  bench::wrk_result w = bench::run_wrk(port);
  int threads_peak = peak.stop();
  int rc = bench::hello_result("httplib_threads", args.threads, body_ok, w, threads_peak);
  std::_Exit(rc);  // the pool's threads are still serving keep-alives
}
