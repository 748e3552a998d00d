#include "scheduler/allgs.hpp"

#include <sys/mman.h>

#include <atomic>

#include <gort/detail/park.hpp>

#include "base/fatal.hpp"

namespace gort::rt {

namespace {

// Chunks that are never moved or freed, so readers need no lock.
constexpr std::size_t kChunk = 4096;
constexpr std::size_t kMaxChunks = 1 << 16;  // 268M goroutines
std::atomic<G**> chunks[kMaxChunks];
std::atomic<std::size_t> count{0};
detail::raw_lock add_lock;

}  // namespace

void allgs_add(G* g) {
  add_lock.lock();
  std::size_t i = count.load(std::memory_order_relaxed);
  std::size_t c = i / kChunk;
  if (c >= kMaxChunks) fatal("too many goroutines");
  G** chunk = chunks[c].load(std::memory_order_relaxed);
  if (!chunk) {
    void* mem = mmap(nullptr, kChunk * sizeof(G*), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) fatal("out of memory");
    chunk = static_cast<G**>(mem);
    chunks[c].store(chunk, std::memory_order_release);
  }
  chunk[i % kChunk] = g;
  count.store(i + 1, std::memory_order_release);
  add_lock.unlock();
}

std::size_t allgs_count() { return count.load(std::memory_order_acquire); }

G* allgs_at(std::size_t i) {
  return chunks[i / kChunk].load(std::memory_order_acquire)[i % kChunk];
}

}  // namespace gort::rt
