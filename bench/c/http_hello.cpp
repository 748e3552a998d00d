// http_hello's cpp-httplib peer: the same server on cpp-httplib's own
// thread pool (CPPHTTPLIB_THREAD_POOL_COUNT threads, one per connection at
// a time), no gort. See bench/gort/http_hello.cpp.
#include <httplib.h>

#include <thread>

#include "bench.hpp"
#include "wrk.hpp"

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv);
  httplib::Server svr;
  svr.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("Hello, World!", "text/plain");
  });
  svr.set_tcp_nodelay(true);  // as Go's net/http does by default
  int port = svr.bind_to_any_port("127.0.0.1");
  std::thread server([&] { svr.listen_after_bind(); });
  bench::wrk_result w = bench::run_wrk(port, 200, 5);
  bench::result r("http_hello", "c", "ns", args.threads);
  r.value(w.rps > 0 ? 1e9 / w.rps : 0);
  r.check(w.ok && w.non2xx == 0);
  r.extra("rps", w.rps);
  r.extra("p99_us", w.p99_us);
  int rc = r.print();
  std::fflush(stdout);
  std::_Exit(rc);
}
