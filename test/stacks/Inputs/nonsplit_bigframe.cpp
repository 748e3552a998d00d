// Built without -fsplit-stack but with -fstack-clash-protection: a
// "foreign" function whose single frame (256 KiB) is far larger than the
// reserve below a segment's limit and than a guard page. Its prologue
// probes every page on the way down, so it faults on the guard.
#include <cstddef>

static volatile char sink;

extern "C" __attribute__((noinline)) void foreign_big_frame(std::size_t touch) {
  volatile char big[256 * 1024];
  // The lowest bytes first, as a memset of a local buffer would.
  for (std::size_t i = 0; i < touch && i < sizeof big; ++i) big[i] = 1;
  sink = big[0];
}
