// The headers of errno_after_migration.cpp as a PCH: <errno.h>'s
// declarations then reach the plugin from the PCH, not from the parser.
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include <gort/gort.hpp>
