// The headers of thread_id_after_migration.cpp as a PCH: pthread_self's
// declaration then reaches the plugin from the PCH, not from the parser.
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <gort/gort.hpp>
