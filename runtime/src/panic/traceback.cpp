#include "panic/traceback.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "scheduler/sched.hpp"

namespace gort::rt {

namespace {

bool starts_with(const char* s, const char* prefix) {
  return std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

enum class frame { printed, hidden, bottom };

// Prints the frame containing `pc` (an address inside the call, i.e. a
// return address minus one).
frame print_pc(std::FILE* out, void* pc) {
  Dl_info info{};
  if (!dladdr(pc, &info)) return frame::hidden;
  char* owned = nullptr;
  const char* name = info.dli_sname;
  if (name) {
    int status = 0;
    owned = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    if (status == 0 && owned) name = owned;
  }
  frame result = frame::printed;
  if (!name) {
    name = "?";  // a static function: link with -rdynamic for names
  }
  // Below these frames: the runtime's goroutine entry or libc's start-up.
  if (starts_with(name, "gort::detail::closure<") ||
      std::strcmp(name, "__wrap_main") == 0 ||
      std::strcmp(name, "make_fcontext") == 0) {
    result = frame::bottom;
  } else if (starts_with(name, "gort::rt::") ||
             starts_with(name, "gort::detail::")) {
    result = frame::hidden;
  } else {
    std::uintptr_t off = reinterpret_cast<std::uintptr_t>(pc) + 1 -
                         reinterpret_cast<std::uintptr_t>(info.dli_fbase);
    std::fprintf(out, "%s\n\t%s+0x%lx\n", name,
                 info.dli_fname ? info.dli_fname : "?", (unsigned long)off);
  }
  std::free(owned);
  return result;
}

}  // namespace

void print_traceback(std::FILE* out, const char* skip_through) {
  void* pcs[128];
  int n = backtrace(pcs, 128);
  int first = 1;  // skip print_traceback itself
  if (skip_through) {
    for (int i = n - 1; i >= 1; --i) {
      Dl_info info;
      if (dladdr(static_cast<char*>(pcs[i]) - 1, &info) && info.dli_sname &&
          starts_with(info.dli_sname, skip_through)) {
        first = i + 1;
        break;
      }
    }
  }
  for (int i = first; i < n; ++i)
    if (print_pc(out, static_cast<char*>(pcs[i]) - 1) == frame::bottom) break;
}

void print_parked_traceback(std::FILE* out, const G* g) {
  if (!g->ctx || !g->stk) return;  // never ran: no stack yet
  // Boost.Context's jump_fcontext leaves rbp at ctx+0x38 and the return
  // address at ctx+0x40 (see its x86_64 SysV assembly).
  auto* ctx = static_cast<const std::uintptr_t*>(g->ctx);
  auto lo = reinterpret_cast<std::uintptr_t>(g->stk.lo);
  auto hi = reinterpret_cast<std::uintptr_t>(g->stk.hi);
  std::uintptr_t fp = ctx[7];
  std::uintptr_t pc = ctx[8];
  for (int depth = 0; depth < 64 && pc; ++depth) {
    if (print_pc(out, reinterpret_cast<void*>(pc - 1)) == frame::bottom) break;
    // Follow the frame-pointer chain while it stays on this goroutine's
    // stack segments (__morestack keeps the chain linked across them).
    if ((fp & 7) || !stack_contains(g, reinterpret_cast<void*>(fp)) ||
        !stack_contains(g, reinterpret_cast<void*>(fp + 15)))
      break;
    auto* frame_words = reinterpret_cast<const std::uintptr_t*>(fp);
    std::uintptr_t next_fp = frame_words[0];
    pc = frame_words[1];
    // Within a segment the chain goes up; across segments it may not.
    if (next_fp == fp || (next_fp < fp && fp >= lo && fp < hi)) break;
    fp = next_fp;
  }
}

void print_current_header(std::FILE* out) {
  G* g = current_g();
  if (g)
    std::fprintf(out, "goroutine %llu [running]:\n", (unsigned long long)g->id);
  else
    std::fprintf(out, "thread %ld [running]:\n", (long)gettid());
}

}  // namespace gort::rt
