// What the scheduler asks of start-up (docs/design/layers.md, "Hooks"),
// answered by startup/init.cpp through startup/hooks.cpp's table.
#pragma once

namespace gort::rt {

struct scheduler_hooks {
  // Starts the runtime once (Ps, panic handler, signal handlers, sysmon):
  // ensure_started()'s slow path, from any thread, static initialisers
  // included.
  void (*start_runtime)();
};
extern const scheduler_hooks gort_scheduler_hooks;

}  // namespace gort::rt
