// Panics: an exception that escapes a goroutine's function (or any thread's)
// ends the process as Go's unrecovered panic does. The runtime installs a
// std::terminate handler. Goroutine stacks end in a frame without unwind
// information, so the C++ runtime finds no handler during its search phase
// and calls terminate *before unwinding*: the stack trace printed here is
// the stack at the throw, like Go's.
#include <cxxabi.h>
#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <exception>
#include <mutex>
#include <string>
#include <typeinfo>

#include "base/fatal.hpp"
#include "base/process_exit.hpp"
#include "panic/panic.hpp"

namespace gort::rt {

namespace {

std::string describe(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    const std::type_info* t = abi::__cxa_current_exception_type();
    if (!t) return "unknown exception";
    int status = 0;
    char* d = abi::__cxa_demangle(t->name(), nullptr, nullptr, &status);
    std::string s = status == 0 && d ? d : t->name();
    std::free(d);
    return s;
  }
}

[[noreturn]] void on_terminate() noexcept {
  // First: main's return and exit() now wait for this report and its exit
  // status 2 (printing it takes a while: symbolization).
  note_panicking();
  static std::atomic<bool> entered{false};
  if (entered.exchange(true)) {
    // A second goroutine panicking at the same time: let the first report.
    park_thread_forever();
  }
  std::exception_ptr e = std::current_exception();
  std::string msg = e ? describe(e) : "terminate called without an active exception";
  die(die_stack::current, e ? "__cxa_throw" : nullptr, "panic: %s\n\n", msg.c_str());
}

}  // namespace

void install_panic_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::set_terminate(on_terminate);
    // The first throw in a process binds the unwinder's lazy PLT entries in
    // libgcc_s and libstdc++ (_dl_runtime_resolve saves the whole vector
    // state: kilobytes of stack) and fills its caches. Do it now, on this
    // thread's big stack, not later on a goroutine's small segment. (-z now
    // only binds the executable itself.)
    for (const char* lib : {"libgcc_s.so.1", "libstdc++.so.6"})
      if (void* h = dlopen(lib, RTLD_NOW | RTLD_NOLOAD)) dlclose(h);
    try {
      throw 0;
    } catch (int) {
    }
  });
}

}  // namespace gort::rt
