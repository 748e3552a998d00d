// A shared library built with gort++ -shared (driver-shared-library.test):
// a [[go]] statement and a goroutine recursing deep on split stacks.
#include <gort/gort.hpp>
#include <cstdio>
#include <string>
static long deep(long n) { volatile char b[256]; b[0] = char(n); return n ? deep(n - 1) + (b[0] == char(n)) : 0; }
static void worker(std::string who, long depth, gort::wait_group* wg) {
  std::printf("%s: depth %ld on goroutine %s\n", who.c_str(), deep(depth),
              gort::goroutine_id() != 1 ? "other than main" : "1");
  wg->done();
}
void lib_spawn(gort::wait_group* wg) { [[go]] worker("from the library", 100000, wg); }
