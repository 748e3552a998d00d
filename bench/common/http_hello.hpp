// What both cpp-httplib peers of http_hello (BENCH.md section 9) share: the
// server's one route and settings, the body check and the RESULT line, so
// that they differ only in where connections are handled (gort: goroutines;
// httplib_threads: cpp-httplib's own thread pool).
#pragma once

#include <httplib.h>

#include "bench.hpp"
#include "wrk.hpp"

namespace bench {

// GET / answers "hello". Keep-alive on with cpp-httplib's own default of
// 5 requests per connection (both peers run the library as shipped).
// Not unlimited, as Go's is: then each of the thread pool's 8 threads
// keeps one connection for the whole run and most of wrk's 200
// connections are never answered, which wrk does not count as errors, so
// httplib_threads' figures would describe 8 connections. Nagle off (Go's
// default).
inline void hello_server(httplib::Server& svr) {
  svr.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  svr.set_tcp_nodelay(true);
}

// The check's first half: one GET / over a fresh connection answers 200
// with the body "hello".
inline bool hello_body_ok(int port) {
  httplib::Client cli("127.0.0.1", port);
  auto res = cli.Get("/");
  return res && res->status == 200 && res->body == "hello";
}

inline int hello_result(const char* impl, int threads, bool body_ok, const wrk_result& w,
                        int threads_peak, long long stack_kb = -1) {
  result r("http_hello", impl, "requests_per_s", threads);
  r.value(w.rps);
  r.check(body_ok && w.ok && w.non2xx == 0);
  r.extra("p50_ms", w.p50_ms);
  r.extra("p99_ms", w.p99_ms);
  r.extra("threads_peak", static_cast<long long>(threads_peak));
  r.extra("socket_errors", static_cast<long long>(w.socket_errors));
  if (stack_kb >= 0) r.extra("stack_kb", stack_kb);
  return r.print();
}

}  // namespace bench
