// Helpers shared by the C++ bench programs (gort and Boost.Fiber peers):
// the command line, the clock, memory figures and the RESULT line, all as
// BENCH.md's "Common rules" define them. Header-only; no gort dependency.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace bench {

// `<prog> [threads] [mode]`: threads defaults to 1 for the C++ peers.
struct args {
  int threads = 1;
  std::string mode;
};

inline args parse_args(int argc, char** argv, const char* default_mode = "") {
  args a;
  if (argc > 1) a.threads = std::atoi(argv[1]);
  if (a.threads < 1) a.threads = 1;
  a.mode = argc > 2 ? argv[2] : default_mode;
  return a;
}

// Monotonic nanoseconds (steady_clock), the only clock the benches time with.
inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Peak RSS in kB: the number /usr/bin/time -v prints.
inline long maxrss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// The number after `key` (e.g. "VmRSS:") in /proc/self/status; -1 if absent.
inline long proc_status_field(const char* key) {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long v = -1;
  std::size_t len = std::strlen(key);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, key, len) == 0) {
      v = std::strtol(line + len, nullptr, 10);
      break;
    }
  std::fclose(f);
  return v;
}

// Current RSS in kB, from the VmRSS line of /proc/self/status.
inline long vmrss_kb() { return proc_status_field("VmRSS:"); }

// Parses a size such as "8192", "64K", "1M" (GORT_STACK_MIN's syntax) into
// bytes; returns -1 when it is not a size.
inline long long parse_size(const char* s) {
  if (!s || !*s) return -1;
  char* end = nullptr;
  long long v = std::strtoll(s, &end, 10);
  if (end == s || v < 0) return -1;
  switch (*end) {
    case 'k': case 'K': v <<= 10; ++end; break;
    case 'm': case 'M': v <<= 20; ++end; break;
    case 'g': case 'G': v <<= 30; ++end; break;
    default: break;
  }
  if (*end == 'B' || *end == 'b') ++end;
  return *end ? -1 : v;
}

// One xorshift64 step, as BENCH.md's fanout_cpu and syscall_handoff define it.
inline std::uint64_t xorshift64(std::uint64_t x) {
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return x;
}

// Builds the single RESULT line:
//   RESULT name= impl= value= unit= threads= check= [extras...]
class result {
 public:
  result(const char* name, const char* impl, const char* unit, int threads)
      : name_(name), impl_(impl), unit_(unit), threads_(threads) {}

  void value(double v) { value_ = v; }
  void check(bool ok) { check_ = ok ? "ok" : "FAIL"; }
  void unverified() { check_ = "unverified"; }
  bool failed() const { return check_ == "FAIL"; }

  void extra(const char* key, const std::string& v) {
    extras_ += ' ';
    extras_ += key;
    extras_ += '=';
    extras_ += v;
  }
  void extra(const char* key, long long v) { extra(key, std::to_string(v)); }
  void extra(const char* key, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    extra(key, std::string(buf));
  }

  // Prints the line (adding maxrss_kb) and returns the exit status:
  // non-zero when the check failed.
  int print() {
    extra("maxrss_kb", static_cast<long long>(maxrss_kb()));
    std::printf("RESULT name=%s impl=%s value=%.3f unit=%s threads=%d check=%s%s\n",
                name_.c_str(), impl_.c_str(), value_, unit_.c_str(), threads_,
                check_.c_str(), extras_.c_str());
    std::fflush(stdout);
    return failed() ? 1 : 0;
  }

 private:
  std::string name_, impl_, unit_;
  int threads_;
  double value_ = 0;
  std::string check_ = "FAIL";
  std::string extras_;
};

}  // namespace bench
