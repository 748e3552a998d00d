// The process's OS thread count (the "Threads:" line of /proc/self/status),
// for tests that bound how many threads the runtime uses; -1 if unreadable.
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>

inline int os_threads() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  return -1;
}
