#include "stack/stack.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <gort/detail/park.hpp>

#include "base/env.hpp"
#include "base/fatal.hpp"
#include "scheduler/p.hpp"

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

namespace gort::rt {
namespace {

constexpr std::size_t kGuard = 4096;

std::size_t compute_stack_size() {
  std::int64_t v = env_bytes("GORT_STACK_MIN", 256 * 1024);
  if (v < 16 * 1024) v = 16 * 1024;
  return (std::size_t(v) + 4095) & ~std::size_t(4095);
}

// Global pool: stacks beyond a P's cache. Never unmapped (reuse is cheap
// and goroutine counts come back); trimming is left to the segmented-stack
// work.
detail::raw_lock pool_lock;
stack* pool = nullptr;
std::size_t pool_count = 0, pool_cap = 0;

stack map_stack() {
  std::size_t size = stack_size();
  void* mem = mmap(nullptr, size + kGuard, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1,
                   0);
  if (mem == MAP_FAILED) fatal("out of memory allocating a goroutine stack");
  // A guard region that does not split the VMA (Linux 6.13+), so adjacent
  // stacks merge into one mapping and a million goroutines stay far below
  // vm.max_map_count. Older kernels: an mprotect'd page.
  if (madvise(mem, kGuard, MADV_GUARD_INSTALL) != 0)
    mprotect(mem, kGuard, PROT_NONE);
  char* lo = static_cast<char*>(mem) + kGuard;
  return stack{lo, lo + size};
}

}  // namespace

std::size_t stack_size() {
  static const std::size_t size = compute_stack_size();
  return size;
}

stack stack_alloc(P* p) {
  if (p && p->stacks.count > 0) return p->stacks.items[--p->stacks.count];
  pool_lock.lock();
  if (pool_count > 0) {
    stack s = pool[--pool_count];
    // Refill half of p's cache while we hold the lock.
    while (p && pool_count > 0 && p->stacks.count < stack_cache::capacity / 2)
      p->stacks.items[p->stacks.count++] = pool[--pool_count];
    pool_lock.unlock();
    return s;
  }
  pool_lock.unlock();
  return map_stack();
}

void stack_free(P* p, stack s) {
  if (p && p->stacks.count < stack_cache::capacity) {
    p->stacks.items[p->stacks.count++] = s;
    return;
  }
  pool_lock.lock();
  auto push = [](stack x) {
    if (pool_count == pool_cap) {
      std::size_t cap = pool_cap ? pool_cap * 2 : 256;
      auto* grown = static_cast<stack*>(
          mmap(nullptr, cap * sizeof(stack), PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
      if (grown == MAP_FAILED) fatal("out of memory in the stack pool");
      for (std::size_t i = 0; i < pool_count; ++i) grown[i] = pool[i];
      if (pool) munmap(pool, pool_cap * sizeof(stack));
      pool = grown;
      pool_cap = cap;
    }
    pool[pool_count++] = x;
  };
  push(s);
  // Move half of a full P cache to the pool so the next frees stay local.
  while (p && p->stacks.count > stack_cache::capacity / 2)
    push(p->stacks.items[--p->stacks.count]);
  pool_lock.unlock();
}

bool stack_guard_hit(const stack& s, const void* addr) {
  auto* a = static_cast<const char*>(addr);
  return s.lo && a < s.lo && a >= s.lo - kGuard;
}

}  // namespace gort::rt
