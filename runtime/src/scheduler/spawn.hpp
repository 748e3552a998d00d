// Creating goroutines (scheduler/spawn.cpp; gort::go's entry is public).
#pragma once

#include <gort/go.hpp>

namespace gort::rt {

struct G;

// Creates the goroutine for main (id 1) and makes it runnable.
G* spawn_main(detail::closure_base* fn);

}  // namespace gort::rt
