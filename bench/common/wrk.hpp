// http_hello's load generator: runs wrk (Debian package, bootstrap --bench)
// against 127.0.0.1:port and parses its requests/s and p99 latency.
// Header-only; no gort dependency (call it from a plain thread).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace bench {

struct wrk_result {
  bool ok = false;
  double rps = 0, p99_us = 0;
  long non2xx = 0, errors = 0;
};

inline double wrk_time_us(const char* s) {
  char* end = nullptr;
  double v = std::strtod(s, &end);
  if (std::strncmp(end, "us", 2) == 0) return v;
  if (std::strncmp(end, "ms", 2) == 0) return v * 1e3;
  if (*end == 's') return v * 1e6;
  return v;
}

inline wrk_result run_wrk(int port, int conns, int seconds, int threads = 2) {
  char cmd[256];
  std::snprintf(cmd, sizeof cmd, "wrk -t%d -c%d -d%ds --latency http://127.0.0.1:%d/ 2>&1",
                threads, conns, seconds, port);
  wrk_result r;
  FILE* f = popen(cmd, "r");
  if (!f) return r;
  char line[512];
  while (std::fgets(line, sizeof line, f)) {
    const char* p = line;
    while (*p == ' ') ++p;
    if (std::strncmp(p, "Requests/sec:", 13) == 0) {
      r.rps = std::strtod(p + 13, nullptr);
      r.ok = true;
    } else if (std::strncmp(p, "99%", 3) == 0) {
      r.p99_us = wrk_time_us(p + 3 + std::strspn(p + 3, " \t"));
    } else if (std::strncmp(p, "Non-2xx", 7) == 0) {
      r.non2xx = std::strtol(std::strchr(p, ':') + 1, nullptr, 10);
    } else if (std::strncmp(p, "Socket errors:", 14) == 0) {
      r.errors = 1;
    }
  }
  pclose(f);
  return r;
}

}  // namespace bench
