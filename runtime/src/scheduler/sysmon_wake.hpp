// sysmon's wake-up note, kept with the scheduler as Go keeps sysmonnote in
// schedt: code below sysmon/ (a goroutine entering a system call, a plain
// thread exiting) wakes sysmon without knowing it.
#pragma once

#include <cstdint>

namespace gort::rt {

// Wakes sysmon if it is in a long sleep, so a blocking call is noticed
// within one 20 us tick rather than after up to 10 ms.
void poke_sysmon();

// sysmon's sleep between ticks: `ns` nanoseconds, or less if poked while
// `long_sleep` (short sleeps are not worth a wake-up).
void sysmon_sleep(std::int64_t ns, bool long_sleep);

}  // namespace gort::rt
