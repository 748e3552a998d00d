#include "panic/traceback.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <unistd.h>
#include <unwind.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "panic/symbolize.hpp"
#include "scheduler/sched.hpp"

#if GORT_SPLIT_STACK
// Return points inside the split-stack trampolines (stack/morestack.S).
extern "C" char gort_ns_fast_return[], gort_ns_args_return[], gort_ms_body_return[];
#endif
// Bounds of the runtime's own code (base/runtime_text.hpp): the linker
// defines them.
extern "C" char __start_gort_runtime_text[];
extern "C" char __stop_gort_runtime_text[];

namespace gort::rt {

namespace {

// Can [at, at + bytes) be read as words of g's stack?
bool on_stack(const G* g, std::uintptr_t at, std::size_t bytes) {
  return (at & 7) == 0 && stack_contains(g, reinterpret_cast<void*>(at)) &&
         stack_contains(g, reinterpret_cast<void*>(at + bytes - 1));
}

bool starts_with(const char* s, const char* prefix) {
  return std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

enum class frame { printed, hidden, bottom };

// A demangled name (owned, free it) or null if `name` is not mangled.
char* demangle(const char* name) {
  if (!name || !starts_with(name, "_Z")) return nullptr;
  int status = 0;
  char* d = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  if (status != 0) {
    std::free(d);
    return nullptr;
  }
  return d;
}

// The qualified name in a demangled signature: after the return type of a
// template specialization ("void std::__invoke_impl<...>(...)").
const char* qualified_name(const char* sig) {
  const char* start = sig;
  int angle = 0;
  for (const char* p = sig; *p; ++p) {
    if (*p == '<') ++angle;
    else if (*p == '>') --angle;
    else if (*p == '(' && angle == 0) break;
    else if (*p == ' ' && angle == 0) start = p + 1;
  }
  return start;
}

bool in_runtime_text(std::uintptr_t pc) {
  auto* a = reinterpret_cast<const char*>(pc);
  return a >= __start_gort_runtime_text && a < __stop_gort_runtime_text;
}

// What a frame of function `name` at `pc` is to a traceback. The
// goroutine's entry (gort::go's closure), __wrap_main and Boost.Context's
// make_fcontext are the bottom; the runtime and gort::go's
// std::invoke/std::apply plumbing are left out, as Go leaves out runtime
// frames. The runtime is known by its code's section, which also covers
// its functions named like libc's (the interposed pthread_mutex_lock and
// its lambdas), and by name (its inline functions compiled into the
// program). Names the demangler gives up on (Clang's lambda names, `$_0`,
// inside local entities) are matched in their mangled form.
frame classify(const char* name, std::uintptr_t pc) {
  name = qualified_name(name);
  if (starts_with(name, "gort::detail::closure<") ||
      starts_with(name, "_ZN4gort6detail7closureI") ||
      std::strcmp(name, "__wrap_main") == 0 ||
      std::strcmp(name, "make_fcontext") == 0)
    return frame::bottom;
  if (in_runtime_text(pc)) return frame::hidden;
  static const char* const hidden[] = {
      "gort::rt::", "gort::detail::", "gort_", "__morestack", "std::__invoke",
      "std::invoke<", "std::__apply_impl", "std::apply<",
      "_ZN4gort2rt", "_ZZN4gort2rt", "_ZN4gort6detail", "_ZZN4gort6detail",
      "_ZSt13__invoke_impl", "_ZSt8__invoke", "_ZSt6invoke",
      "_ZSt12__apply_impl", "_ZSt5apply"};
  for (const char* prefix : hidden)
    if (starts_with(name, prefix)) return frame::hidden;
  return frame::printed;
}

// A frame of a walk: the address it is at and how to look that up. A
// caller's frame is at a return address, the instruction after its call;
// when the call was the function's last instruction (a throw, abort(), any
// [[noreturn]] call) that address is already the next function's, so it is
// looked up at pc-1, inside the call, as Go does. The frame a signal
// interrupted is at the instruction that was about to run: looked up as is.
struct frame_pc {
  std::uintptr_t pc;
  bool interrupted;  // the frame a signal interrupted: pc is not a return address
  std::uintptr_t lookup() const { return interrupted ? pc : pc - 1; }
};

// Prints the frames at f: one per inlined call, innermost first, as
//   function
//   \t<file>:<line>            (with debug information)
//   \t<module>+0x<offset>      (without; the offset of f.pc, as Go prints)
// The bottom frame is printed too when `*printed` is false (nothing printed
// yet: the goroutine's function was inlined into gort::go's closure); sets
// *printed when it prints. Returns the kind of the function containing f.
frame print_pc(std::FILE* out, frame_pc f, bool* printed) {
  std::uintptr_t addr = f.lookup();
  Dl_info info{};
  bool have_module = dladdr(reinterpret_cast<void*>(addr), &info) != 0;
  frame_name names[32];
  int n = symbolize(addr, names, 32);
  if (n == 0) {
    // Nothing from libbacktrace: the dynamic symbol (exported functions
    // only), else "?" with the module and offset.
    if (!have_module) return frame::hidden;
    names[0] = frame_name{info.dli_sname, nullptr, 0};
    n = 1;
  }
  frame result = frame::printed;
  for (int i = 0; i < n; ++i) {
    const char* raw = names[i].function;
    char* owned = demangle(raw);
    const char* name = owned ? owned : raw ? raw : "?";
    frame kind = classify(name, addr);
    if (kind == frame::printed || (kind == frame::bottom && !*printed)) {
      *printed = true;
      if (names[i].file) {
        std::fprintf(out, "%s\n\t%s:%d\n", name, names[i].file, names[i].line);
      } else {
        std::uintptr_t off = f.pc - reinterpret_cast<std::uintptr_t>(info.dli_fbase);
        std::fprintf(out, "%s\n\t%s+0x%lx\n", name,
                     have_module && info.dli_fname ? info.dli_fname : "?",
                     (unsigned long)off);
      }
    }
    std::free(owned);
    // The function containing pc (the last name) decides for the frame.
    if (i == n - 1) result = kind;
  }
  return result;
}

struct walk {
  frame_pc* frames;
  int max;
  int n = 0;
};

// One frame of _Unwind_Backtrace. The unwinder knows which frame a signal
// interrupted (the one above a signal trampoline): glibc's backtrace()
// does not say, which is why the walk is not backtrace().
_Unwind_Reason_Code collect_frame(_Unwind_Context* ctx, void* data) {
  auto* w = static_cast<walk*>(data);
  if (w->n == w->max) return _URC_END_OF_STACK;
  int before_insn = 0;
  std::uintptr_t pc = _Unwind_GetIPInfo(ctx, &before_insn);
  if (pc == 0) return _URC_END_OF_STACK;
  w->frames[w->n++] = frame_pc{pc, before_insn != 0};
  return _URC_NO_REASON;
}

int walk_stack(frame_pc* frames, int max) {
  walk w{frames, max};
  _Unwind_Backtrace(collect_frame, &w);
  return w.n;
}

void print_frames(std::FILE* out, const frame_pc* frames, int first, int n) {
  bool printed = false;
  for (int i = first; i < n; ++i) {
    // A signal trampoline (__restore_rt): the frame above it is the one the
    // signal interrupted. Nothing of the program's.
    if (i + 1 < n && frames[i + 1].interrupted) continue;
    if (print_pc(out, frames[i], &printed) == frame::bottom) break;
  }
}

}  // namespace

void print_traceback(std::FILE* out, const char* skip_through) {
  frame_pc frames[128];
  int n = walk_stack(frames, 128);
  int first = 1;  // skip print_traceback itself
  if (skip_through) {
    for (int i = n - 1; i >= 1; --i) {
      Dl_info info;
      if (dladdr(reinterpret_cast<void*>(frames[i].lookup()), &info) && info.dli_sname &&
          starts_with(info.dli_sname, skip_through)) {
        first = i + 1;
        break;
      }
    }
  }
  print_frames(out, frames, first, n);
}

void print_interrupted_traceback(std::FILE* out) {
  frame_pc frames[128];
  int n = walk_stack(frames, 128);
  int first = 1;  // skip print_interrupted_traceback itself
  for (int i = 1; i < n; ++i) {
    if (frames[i].interrupted) {
      first = i;
      break;
    }
  }
  print_frames(out, frames, first, n);
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
  bool printed = false;
  for (int depth = 0; depth < 64 && pc; ++depth) {
    // Every pc of a parked goroutine is a return address (the first is
    // jump_fcontext's, into the switch that parked it).
    if (print_pc(out, frame_pc{pc, false}, &printed) == frame::bottom) break;
    // Follow the frame-pointer chain while it stays on this goroutine's
    // stack segments (__morestack keeps the chain linked across them).
    if (!on_stack(g, fp, 16)) break;
    auto* frame_words = reinterpret_cast<const std::uintptr_t*>(fp);
    std::uintptr_t next_fp = frame_words[0];
    pc = frame_words[1];
#if GORT_SPLIT_STACK
    // A split function entered through __morestack(_non_split): its return
    // address is in that trampoline, and the trampoline's caller-facing
    // return (C, the function's caller) is further up, past R.
    if (pc == reinterpret_cast<std::uintptr_t>(gort_ns_fast_return)) {
      pc = frame_words[3];  // no frame of its own: [R][C] above ours
    } else if (pc == reinterpret_cast<std::uintptr_t>(gort_ns_args_return) ||
               pc == reinterpret_cast<std::uintptr_t>(gort_ms_body_return)) {
      if (!on_stack(g, next_fp, 24)) break;
      auto* tramp = reinterpret_cast<const std::uintptr_t*>(next_fp);
      pc = tramp[2];  // [saved rbp][R][C]
      next_fp = tramp[0];
    }
#endif
    // Within a segment the chain goes up; across segments it may not.
    if (next_fp == fp || (next_fp < fp && fp >= lo && fp < hi)) break;
    fp = next_fp;
  }
}

const char* goroutine_state_text(const G* g) {
  switch (g->status.load(std::memory_order_acquire)) {
    case gstatus::runnable: return "runnable";
    case gstatus::running: return "running";
    case gstatus::waiting: return detail::wait_reason_text(g->reason);
    // A system call says what it waits for when the runtime knows (an
    // interposed pthread lock: syscall/pthread_interpose.cpp).
    case gstatus::syscall:
      return g->reason == detail::wait_reason::none
                 ? "syscall"
                 : detail::wait_reason_text(g->reason);
    default: return nullptr;  // idle or dead
  }
}

void print_current_header(std::FILE* out) {
  G* g = current_g();
  if (!g) {
    std::fprintf(out, "thread %ld [running]:\n", (long)gettid());
    return;
  }
  // The caller is running, unless it writes the dump from inside a wait: a
  // goroutine pinned to its thread runs the deadlock check itself while it
  // parks (syscall/pinned_park.cpp), and SIGQUIT may interrupt a
  // goroutine's system call or foreign wait on its own thread.
  const char* state = goroutine_state_text(g);
  std::fprintf(out, "goroutine %llu [%s]:\n", (unsigned long long)g->id,
               state ? state : "running");
}

void print_current_stack(std::FILE* out, const char* skip_through) {
  print_current_header(out);
  print_traceback(out, skip_through);
}

void print_interrupted_stack(std::FILE* out) {
  print_current_header(out);
  print_interrupted_traceback(out);
}

}  // namespace gort::rt
