// The hook tables through which lower layers reach up (docs/design/layers.md,
// "Hooks"). Constant-initialised: usable before any code runs (a fatal error
// in a static initialiser, the fault handler on the main thread before
// main), with no registration order to get wrong.
#include "base/fatal.hpp"
#include "scheduler/hooks.hpp"
#include "startup/init.hpp"
#include "startup/timer_thread.hpp"
#include "timer/timer.hpp"
#include "panic/dump.hpp"
#include "panic/traceback.hpp"
#include "scheduler/stack_glue.hpp"
#include "stack/hooks.hpp"

namespace gort::rt {

constinit const die_hooks gort_die_hooks = {
    print_current_stack,
    print_interrupted_stack,
    dump_all_goroutines,
};

constinit const stack_hooks gort_stack_hooks = {
    current_gstack,
    current_goroutine_id,
    current_stack_cache,
};

constinit const scheduler_hooks gort_scheduler_hooks = {start_runtime};

constinit const timer_hooks gort_timer_hooks = {start_timer_thread};

}  // namespace gort::rt
