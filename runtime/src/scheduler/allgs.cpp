#include "scheduler/allgs.hpp"

#include <sys/mman.h>

#include <atomic>

#include <gort/detail/park.hpp>

#include "base/fatal.hpp"
#include "base/owned_lock.hpp"

namespace gort::rt {

namespace {

constexpr std::size_t kChunk = 4096;
constexpr std::size_t kMaxChunks = 1 << 16;  // 268M goroutines
owned_lock add_lock;

}  // namespace

// Chunks that are never moved or freed, so readers need no lock. C names,
// because the gdb extension (tools/gdb/gort.py) reads them.
extern "C" {
std::atomic<G**> gort_allgs_chunks[kMaxChunks];
std::atomic<std::size_t> gort_allgs_count{0};
}

void allgs_add(G* g) {
  add_lock.lock();
  std::size_t i = gort_allgs_count.load(std::memory_order_relaxed);
  std::size_t c = i / kChunk;
  if (c >= kMaxChunks) fatal("too many goroutines");
  G** chunk = gort_allgs_chunks[c].load(std::memory_order_relaxed);
  if (!chunk) {
    void* mem = mmap(nullptr, kChunk * sizeof(G*), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) fatal("out of memory");
    chunk = static_cast<G**>(mem);
    gort_allgs_chunks[c].store(chunk, std::memory_order_release);
  }
  chunk[i % kChunk] = g;
  gort_allgs_count.store(i + 1, std::memory_order_release);
  add_lock.unlock();
}

std::size_t allgs_count() { return gort_allgs_count.load(std::memory_order_acquire); }

G* allgs_at(std::size_t i) {
  return gort_allgs_chunks[i / kChunk].load(std::memory_order_acquire)[i % kChunk];
}

}  // namespace gort::rt
