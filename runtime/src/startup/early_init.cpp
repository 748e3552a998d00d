// Before any static initialiser of the program runs (constructor priority
// 101): the split-stack linker check, the main thread's alternate signal
// stack and the SIGSEGV/SIGBUS handler (stack/).
//
// Static-archive note: nothing calls into this object but its constructor,
// so startup/main_wrap.cpp references gort_early_init_anchor to link it.
#include <string.h>
#include <unistd.h>

#include <cstddef>

#include "stack/signals.hpp"
#include "stack/stack.hpp"

extern "C" void gort_early_init_anchor() {}

#if GORT_SPLIT_STACK
// The linker check: if the program was linked by a linker without the
// split-stack adjustment (GNU ld), calls into non-split code would run on a
// few hundred bytes of stack; we refuse to start.
extern "C" __attribute__((noinline, used)) std::size_t gort_linker_probe(const char* s) {
  return strlen(s) + 1;
}

__attribute__((constructor(101))) static void gort_early_init() {
  // gold and lld turn this split prologue, which calls non-split code, from
  // "cmp %fs:0x70,%rsp" (64 48 3b 24 25 70 ...) into "stc; nop" (f9 ...).
  auto* code = reinterpret_cast<const unsigned char*>(&gort_linker_probe);
  if (code[0] == 0x64 && code[1] == 0x48 && code[2] == 0x3b) {
    // Raw write(2): nothing else of the runtime may run yet.
    static const char msg[] =
        "fatal error: this program was linked without split-stack support "
        "(GNU ld?): calls into non-split code would overflow goroutine "
        "stacks. Link with gort++ (lld or gold).\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(2);
  }
  gort::rt::stack_thread_init();
  gort::rt::install_stack_fault_handler();
}
#endif
