// longjmp out of a recursion that spans several segments. The jump itself
// only restores registers: the split-stack state (gort_stack_seg and the
// limit %fs:0x70) would still describe the youngest segment while the
// stack pointer is back on an older one, so the next prologue checks
// against the wrong limit (a fault in the older segment's guard reported as
// "stack overflow", or growth from the wrong segment). libgcc's split-stack
// runtime has the same problem for unwinding and finds the segment holding
// the new stack pointer (generic-morestack.c, __generic_findstack); we do
// that before the jump: the wrappers below read the target stack pointer
// from the jmp_buf, make the segment that contains it current, and call
// libc's function. The younger segments stay linked as its `next` (cached,
// trimmed when the goroutine parks), as after an ordinary return.
// C++ exceptions are handled by __morestack's landing pad (morestack.S).
#include <dlfcn.h>
#include <setjmp.h>
#include <unistd.h>

#include <cstdint>

#include "base/fatal.hpp"
#include "stack/stack.hpp"

namespace gort::rt {
namespace {

#if GORT_SPLIT_STACK
// glibc x86-64 keeps rsp in __jmpbuf[6], mangled (PTR_MANGLE: xor with the
// thread's pointer guard at %fs:0x30, then rol 0x11).
constexpr int kJmpBufRsp = 6;

[[gnu::always_inline]] inline std::uintptr_t demangle(std::uintptr_t v) {
  v = (v >> 0x11) | (v << (64 - 0x11));
  std::uintptr_t guard;
  asm("movq %%fs:0x30, %0" : "=r"(guard));
  return v ^ guard;
}

#endif

__attribute__((no_split_stack)) void switch_to_segment_of(const __jmp_buf_tag* env) {
#if GORT_SPLIT_STACK
  stack_seg* cur = gort_stack_seg;
  if (!cur) return;  // g0 or a plain thread: one stack, nothing to do
  auto sp = reinterpret_cast<char*>(demangle(std::uintptr_t(env->__jmpbuf[kJmpBufRsp])));
  for (stack_seg* s = cur; s; s = s->prev) {
    if (sp >= s->lo && sp <= s->hi()) {
      if (s != cur) {
        gort_stack_seg = s;
        set_ss_limit(reinterpret_cast<std::uintptr_t>(s->limit));
      }
      return;
    }
  }
  // Not on this chain (a jump between stacks, e.g. out of a signal handler's
  // alternate stack): leave the state as it is.
#else
  (void)env;
#endif
}

using jump_fn = void (*)(__jmp_buf_tag*, int);

// Resolved once, out of the jump paths (dlsym is libc, split-stack callers
// would pay __morestack_non_split for it).
jump_fn real_longjmp_fn = nullptr;
jump_fn real__longjmp_fn = nullptr;
jump_fn real_siglongjmp_fn = nullptr;

[[gnu::noinline]] jump_fn resolve(const char* name) {
  auto f = reinterpret_cast<jump_fn>(dlsym(RTLD_NEXT, name));
  if (!f) fatal("gort: cannot find libc's longjmp");
  return f;
}

[[noreturn, gnu::always_inline]] inline void jump(jump_fn& real, const char* name,
                                                  __jmp_buf_tag* env, int val) {
  if (!real) real = resolve(name);
  switch_to_segment_of(env);
  real(env, val);
  __builtin_unreachable();
}

}  // namespace
}  // namespace gort::rt

using namespace gort::rt;

// Referenced from main_wrap.cpp so that this object is always linked (a
// shared library such as libpng may be the only caller of longjmp).
extern "C" void gort_longjmp_wrappers_anchor() {}

extern "C" __attribute__((no_split_stack)) void longjmp(__jmp_buf_tag* env, int val) {
  jump(real_longjmp_fn, "longjmp", env, val);
}
extern "C" __attribute__((no_split_stack)) void _longjmp(__jmp_buf_tag* env, int val) {
  jump(real__longjmp_fn, "_longjmp", env, val);
}
extern "C" __attribute__((no_split_stack)) void siglongjmp(__jmp_buf_tag* env, int val) {
  jump(real_siglongjmp_fn, "siglongjmp", env, val);
}
// _FORTIFY_SOURCE's variant refuses a jump to a lower address unless on the
// signal stack; an older segment may well be lower. Its other checks are
// the plain jump's, so it is siglongjmp (which restores the mask if saved).
extern "C" __attribute__((no_split_stack)) void __longjmp_chk(__jmp_buf_tag* env, int val) {
  jump(real_siglongjmp_fn, "siglongjmp", env, val);
}
