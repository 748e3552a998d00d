// gort::goroutine_local storage (gort/goroutine_local.hpp): each goroutine
// owns a table of slots, indexed by a key given to each goroutine_local
// object; the table is freed, and every value destroyed, when the goroutine
// returns (goexit). A plain thread gets a thread-local table instead,
// destroyed when the thread exits. Keys are never reused: a slot left by a
// destroyed goroutine_local is destroyed with its goroutine.
#include <gort/goroutine_local.hpp>

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "base/fatal.hpp"
#include "scheduler/sched.hpp"

namespace gort::rt {

struct goroutine_locals {
  struct slot {
    void* value;
    void (*destroy)(void*);
  };
  std::size_t size = 0;
  slot* slots = nullptr;
};

void destroy_goroutine_locals(goroutine_locals*& t) {
  // A destructor may itself use a goroutine_local (and so create a new
  // table): repeat until none is left, as pthread key destructors do.
  while (goroutine_locals* table = t) {
    t = nullptr;
    for (std::size_t i = 0; i < table->size; ++i)
      if (table->slots[i].value) table->slots[i].destroy(table->slots[i].value);
    std::free(table->slots);
    delete table;
  }
}

namespace {

std::atomic<std::size_t> next_key{0};

struct thread_locals {
  goroutine_locals* table = nullptr;
  ~thread_locals() { destroy_goroutine_locals(table); }
};
thread_local thread_locals plain_thread_locals;

goroutine_locals*& current_table() {
  if (G* g = current_g()) return g->locals;
  return plain_thread_locals.table;
}

}  // namespace

}  // namespace gort::rt

namespace gort::detail {

std::size_t goroutine_local_new_key() noexcept {
  return rt::next_key.fetch_add(1, std::memory_order_relaxed);
}

void* goroutine_local_get(std::size_t key) noexcept {
  rt::goroutine_locals* t = rt::current_table();
  return t && key < t->size ? t->slots[key].value : nullptr;
}

void goroutine_local_set(std::size_t key, void* value, void (*destroy)(void*)) {
  rt::goroutine_locals*& t = rt::current_table();
  if (!t) t = new rt::goroutine_locals;
  if (key >= t->size) {
    std::size_t n = t->size ? t->size : 4;
    while (n <= key) n *= 2;
    auto* s = static_cast<rt::goroutine_locals::slot*>(
        std::realloc(t->slots, n * sizeof(rt::goroutine_locals::slot)));
    if (!s) rt::fatal("out of memory (goroutine_local)");
    std::memset(s + t->size, 0, (n - t->size) * sizeof *s);
    t->slots = s;
    t->size = n;
  }
  t->slots[key] = {value, destroy};
}

}  // namespace gort::detail
