// Segments: where they come from (an arena of guarded slots), where they go
// (per-P caches, then a global pool that gives idle memory back), and the
// slow path of __morestack. Layout, protocol and costs: docs/design/stacks.md.
#include "stack/stack.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <gort/detail/park.hpp>

#include "base/env.hpp"
#include "base/fatal.hpp"
#include "base/owned_lock.hpp"
#include "stack/hooks.hpp"
#include "stack/overflow.hpp"

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

extern "C" {
__thread gort::rt::stack_seg* gort_stack_seg
    __attribute__((tls_model("initial-exec"))) = nullptr;
}

namespace gort::rt {
namespace {

constexpr std::size_t kPage = 4096;
constexpr std::size_t kGuard = kPage;
// Classes 1.. : 64 KiB << (cls - 1) above the reserve. Growth is
// geometric so that deep recursion splits rarely; only touched pages cost
// memory.
constexpr std::size_t kMinGrowBytes = 64 * 1024;
constexpr std::uint32_t kGrowCapClass = 9;  // ordinary growth stops at 16 MiB
constexpr std::uint32_t kClasses = 40;
// Classes from 2 MiB up are backed by transparent huge pages: their usable
// part is made of whole, aligned 2 MiB extents (see arena_slot). Deep
// recursion touches tens of MiB of fresh stack, and huge pages cut the cost
// of faulting it in (docs/design/stacks.md, "Huge segments"; Go's heap, and
// so its stacks, are MADV_HUGEPAGE too). A goroutine
// reaches these classes only after filling ~2 MiB of smaller segments, so a
// huge page at most doubles what it already has resident.
constexpr std::size_t kHugePage = std::size_t(2) << 20;
constexpr std::uint32_t kFirstHugeClass = 6;
// Global pool: idle bytes kept resident per class; beyond, the coldest half
// is returned to the kernel in one batch (MADV_DONTNEED over runs of
// adjacent segments: every call costs a TLB shootdown on all CPUs).
constexpr std::size_t kResidentBytesPerClass = std::size_t(32) << 20;

std::size_t round_page(std::size_t n) { return (n + kPage - 1) & ~(kPage - 1); }

std::size_t first_bytes_init() {
#if GORT_SPLIT_STACK
  std::int64_t dflt = 4096;
#elif defined(__SANITIZE_ADDRESS__)
  std::int64_t dflt = 1024 * 1024;  // ASan's redzones: frames 2-3x larger
#else
  std::int64_t dflt = 256 * 1024;
#endif
  std::int64_t floor = GORT_SPLIT_STACK ? 4096 : 16 * 1024;
  std::int64_t v = env_bytes("GORT_STACK_MIN", dflt, floor, std::int64_t(1) << 30);
  return round_page(std::size_t(v));
}

// Bytes of class `cls` above the limit: what split-stack code can use
// (header included), and what GORT_STACK_MAX counts.
std::size_t usable_bytes(std::uint32_t cls) {
  static const std::size_t first = first_bytes_init();
  return cls == 0 ? first : kMinGrowBytes << (cls - 1);
}

// Segment bytes (header and reserve included, guard excluded) of class
// `cls`: the usable size above the limit plus kStackReserve below it.
std::size_t class_bytes(std::uint32_t cls) {
  return kStackReserve + usable_bytes(cls);
}

bool huge_class(std::uint32_t cls) {
  return GORT_SPLIT_STACK && cls >= kFirstHugeClass;
}

std::size_t stack_max_bytes() {
  static const std::size_t max = [] {
    return std::size_t(env_bytes("GORT_STACK_MAX", std::int64_t(1) << 30, 1,
                                 std::int64_t(1) << 46));
  }();
  return max;
}

// ---- The arena: guarded slots carved from big reservations. -------------
//
// Slot = [guard page][segment]. The guard is a MADV_GUARD_INSTALL region
// (Linux 6.13+), which does not split the mapping, so a million goroutines
// live in a handful of VMAs. Where the kernel lacks it, mprotect'd guards
// are used while they stay well below vm.max_map_count, and slots go
// unguarded beyond that (documented limitation of old kernels).
// One bump region per class, so that a class's segments are adjacent and
// trimming can merge them into few madvise calls.
owned_lock arena_lock;
char* arena_cur[kClasses] = {};
char* arena_end[kClasses] = {};
constexpr std::size_t kArenaChunk = std::size_t(256) << 20;
int guard_mode = 0;  // 0 unknown, 1 madvise, 2 mprotect
long mprotect_guards = 0;
constexpr long kMaxMprotectGuards = 24000;

void install_guard(char* page) {
  if (guard_mode != 2 && madvise(page, kGuard, MADV_GUARD_INSTALL) == 0) {
    guard_mode = 1;
    return;
  }
  guard_mode = 2;
  if (mprotect_guards < kMaxMprotectGuards &&
      mprotect(page, kGuard, PROT_NONE) == 0)
    ++mprotect_guards;
}

// Maps `bytes`; for huge classes 2 MiB-aligned and MADV_HUGEPAGE.
char* map_or_die(std::size_t bytes, bool huge) {
  std::size_t len = huge ? bytes + kHugePage : bytes;
  void* mem = mmap(nullptr, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) fatal("out of memory allocating a goroutine stack");
  auto* p = static_cast<char*>(mem);
  if (!huge) return p;
  auto addr = reinterpret_cast<std::uintptr_t>(p);
  char* aligned = p + ((kHugePage - addr % kHugePage) % kHugePage);
  if (aligned > p) munmap(p, std::size_t(aligned - p));
  char* end = p + len;
  if (end > aligned + bytes) munmap(aligned + bytes, std::size_t(end - aligned - bytes));
  madvise(aligned, bytes, MADV_HUGEPAGE);  // best effort: THP may be off
  return aligned;
}

// Address space of one slot of class cls. An ordinary slot is
// [guard page][segment]. A huge slot's segment ends on a 2 MiB boundary so
// that its usable part is whole huge-page extents; the 2 MiB extent below
// holds the guard and the reserve at its top (the guard marker keeps that
// extent on 4 KiB pages) and is otherwise never touched.
std::size_t slot_bytes(std::uint32_t cls) {
  if (huge_class(cls)) return usable_bytes(cls) + kHugePage;
  return kGuard + class_bytes(cls);
}

// A fresh segment of class cls (header not yet written).
char* arena_slot(std::uint32_t cls) {
  std::size_t slot = slot_bytes(cls);
  bool huge = huge_class(cls);
  arena_lock.lock();
  char* base;
  if (slot > kArenaChunk / 4) {
    base = map_or_die(slot, huge);
  } else {
    char*& cur = arena_cur[cls];
    if (std::size_t(arena_end[cls] - cur) < slot) {
      cur = map_or_die(kArenaChunk, huge);
      arena_end[cls] = cur + kArenaChunk;
    }
    base = cur;
    cur += slot;
  }
  char* lo = base + slot - class_bytes(cls);  // lowest usable byte
  install_guard(lo - kGuard);
  arena_lock.unlock();
  return lo;
}

// ---- Pools. ---------------------------------------------------------------
// Free segments beyond the per-P caches, by class, as their `lo` (the
// header of a trimmed segment is gone with its memory).
struct global_pool {
  char** items = nullptr;
  std::size_t count = 0, cap = 0;
  std::size_t trimmed = 0;  // items[0, trimmed) hold no memory
};
owned_lock pool_lock;
global_pool pools[kClasses];

stack_seg* init_seg(char* lo, std::uint32_t cls) {
  auto* s = reinterpret_cast<stack_seg*>(lo + class_bytes(cls) - sizeof(stack_seg));
  s->prev = s->next = nullptr;
  s->lo = lo;
  s->limit = lo + kStackReserve;
  s->total = usable_bytes(cls);
  s->cls = cls;
  s->flags = 0;
  s->split_fp = nullptr;
  return s;
}


stack_seg* pool_get(stack_cache* c, std::uint32_t cls) {
  if (c && cls < stack_cache::classes && c->head[cls]) {
    stack_seg* s = c->head[cls];
    c->head[cls] = s->next;
    --c->count[cls];
    return init_seg(s->lo, cls);
  }
  pool_lock.lock();
  global_pool& gp = pools[cls];
  if (gp.count > 0) {
    char* lo = gp.items[--gp.count];
    if (gp.trimmed > gp.count) gp.trimmed = gp.count;
    pool_lock.unlock();
    return init_seg(lo, cls);
  }
  pool_lock.unlock();
  return init_seg(arena_slot(cls), cls);
}

// Returns the memory of items[trimmed, upto) to the kernel, merging runs of
// adjacent segments (same-class slots are adjacent in their arena).
void trim_locked(global_pool& gp, std::size_t bytes, std::size_t upto) {
  pool_lock.assert_held();
  char** first = gp.items + gp.trimmed;
  char** last = gp.items + upto;
  std::sort(first, last);
  for (char** it = first; it != last;) {
    char* run_lo = *it;
    char* run_hi = *it + bytes;
    // Ordinary slots abut (guard between); huge slots never do.
    for (++it; it != last && *it == run_hi + kGuard; ++it) run_hi = *it + bytes;
    // Guard markers inside the run survive MADV_DONTNEED.
    madvise(run_lo, std::size_t(run_hi - run_lo), MADV_DONTNEED);
  }
  gp.trimmed = upto;
}

void pool_push_global_locked(stack_seg* s) {
  pool_lock.assert_held();
  global_pool& gp = pools[s->cls];
  if (gp.count == gp.cap) {
    std::size_t cap = gp.cap ? gp.cap * 2 : 256;
    auto* grown = static_cast<char**>(
        mmap(nullptr, cap * sizeof(char*), PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (grown == MAP_FAILED) fatal("out of memory in the stack pool");
    if (gp.count) std::memcpy(grown, gp.items, gp.count * sizeof(char*));
    if (gp.items) munmap(gp.items, gp.cap * sizeof(char*));
    gp.items = grown;
    gp.cap = cap;
  }
  gp.items[gp.count++] = s->lo;
  std::size_t bytes = class_bytes(s->cls);
  // Whole segments count, reserve included: a goroutine that called into
  // libc leaves reserve pages resident (counting only the part above the
  // limit let the idle first segments reach ~10x the budget).
  std::size_t keep = kResidentBytesPerClass / bytes;
  std::size_t min_keep = huge_class(s->cls) ? 2 : 16;
  if (keep < min_keep) keep = min_keep;
  if (gp.count - gp.trimmed > keep) trim_locked(gp, bytes, gp.count - keep / 2);
}

void pool_put(stack_cache* c, stack_seg* s) {
  std::uint32_t cls = s->cls;
  if (s->flags & kSegSignal) return;  // signal-stack segments are never pooled
  if (c && cls < stack_cache::classes) {
    int cap = cls == 0 ? 64 : 4;
    if (c->count[cls] < cap) {
      s->next = c->head[cls];
      c->head[cls] = s;
      ++c->count[cls];
      return;
    }
    // Move half of the full cache to the global pool.
    pool_lock.lock();
    pool_push_global_locked(s);
    while (c->count[cls] > cap / 2) {
      stack_seg* x = c->head[cls];
      c->head[cls] = x->next;
      --c->count[cls];
      pool_push_global_locked(x);
    }
    pool_lock.unlock();
    return;
  }
  pool_lock.lock();
  pool_push_global_locked(s);
  pool_lock.unlock();
}

// Frees s and every segment cached after it.
void free_chain(stack_cache* c, stack_seg* s) {
  while (s) {
    stack_seg* next = s->next;
    pool_put(c, s);
    s = next;
  }
}

}  // namespace

std::size_t stack_size() {
  return usable_bytes(0) - sizeof(stack_seg);
}

void stack_prepare(stack_cache* c, gstack* g) {
  stack_seg* s = pool_get(c, 0);
  g->stk = stack{s->lo, s->hi()};
  g->ss.seg = s;
  g->ss.limit = GORT_SPLIT_STACK ? reinterpret_cast<std::uintptr_t>(s->limit) : 0;
}

// Cold and out of line: it calls libc's free(), and a split-stack function
// that calls non-split code pays __morestack_non_split on every call (the
// linker rewrites its prologue), so stack_release itself must not.
[[gnu::noinline]] static void free_dyn_blocks(gstack* g) {
  while (g->dyn_blocks) {
    void* b = g->dyn_blocks;
    g->dyn_blocks = *static_cast<void**>(b);
    std::free(b);
  }
}

void stack_release(stack_cache* c, gstack* g) {
  if (!g->stk) return;
  free_chain(c, reinterpret_cast<stack_seg*>(g->stk.hi));
  g->stk = stack{};
  g->ss = split_state{};
  if (g->dyn_blocks) free_dyn_blocks(g);
}

void stack_trim(stack_cache* c, gstack* g) {
  stack_seg* cur = g->ss.seg;
  if (cur && cur->next) {
    free_chain(c, cur->next);
    cur->next = nullptr;
  }
}

stack_seg* signal_stack_segment() {
  stack_seg* s = init_seg(arena_slot(1), 1);
  s->flags = kSegSignal;
  return s;
}


bool stack_guard_hit(const gstack* g, const void* addr) {
  auto* a = static_cast<const char*>(addr);
  if (!g->stk) return false;
  for (auto* s = reinterpret_cast<const stack_seg*>(g->stk.hi); s; s = s->next)
    if (a < s->lo && a >= s->lo - kGuard) return true;
  return false;
}

bool stack_contains(const gstack* g, const void* addr) {
  auto* a = static_cast<const char*>(addr);
  if (!g->stk) return false;
  for (auto* s = reinterpret_cast<const stack_seg*>(g->stk.hi); s; s = s->next)
    if (a >= s->lo && a < reinterpret_cast<const char*>(s) + sizeof(stack_seg))
      return true;
  return false;
}

}  // namespace gort::rt

using namespace gort::rt;

// __morestack's slow path: the cached younger segment is missing or too
// small for a frame of `frame` bytes plus `args` bytes of stack arguments.
// Runs on the old segment's reserve, below its limit, so it clears the
// limit (no split prologue below may try to grow) and must stay small.
// Returns the new segment, linked as the current one's `next`.
extern "C" __attribute__((no_split_stack, used)) stack_seg*
gort_morestack_grow(std::size_t frame, std::size_t args) {
  set_ss_limit(0);
  stack_seg* cur = gort_stack_seg;
  if (!cur) stack_overflow_fatal("split-stack prologue outside a goroutine", nullptr);
  std::size_t need = frame + args + 64 + kStackReserve + sizeof(stack_seg);
  std::uint32_t cls = cur->cls + 1;
  if (cls > kGrowCapClass) cls = kGrowCapClass;
  if (cls < 1) cls = 1;
  while (class_bytes(cls) < need) ++cls;
  if (cls >= kClasses) stack_overflow_fatal(nullptr, nullptr);
  // GORT_STACK_MAX counts the stack split-stack code can use (the
  // reserves below the limits hold only non-split callees' frames).
  std::size_t usable = usable_bytes(cls);
  if (cur->total + usable > stack_max_bytes())
    stack_overflow_fatal(nullptr, nullptr);
  stack_seg* s;
  if (cur->flags & kSegSignal) {
    // On an alternate signal stack: no pools (not async-signal-safe).
    s = init_seg(arena_slot(cls), cls);
    s->flags = cur->flags;
  } else {
    stack_cache* c = current_cache();
    if (cur->next) free_chain(c, cur->next);
    s = pool_get(c, cls);
  }
  s->prev = cur;
  s->total = cur->total + usable;
  cur->next = s;
  return s;
}

