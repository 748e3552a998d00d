// Every thread gets an alternate signal stack (a 64 KiB segment plus its
// reserve and guard); a thread that exits gives it back for the next one.
// Before, each std::thread kept ~100 KiB of address space forever: 20,000
// started and joined threads grew VmSize by about 2 GB.
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: VmSize growth over 4500 more threads: under 16 MiB
#include <gort/gort.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

long vm_size_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmSize:", 0) == 0) return std::stol(line.substr(7));
  return -1;
}

int main() {
  long after_warmup = 0;
  for (int i = 0; i < 5000; ++i) {
    std::thread([] {}).join();
    if (i == 499) after_warmup = vm_size_kb();
  }
  long growth_kb = vm_size_kb() - after_warmup;
  std::printf("VmSize growth over 4500 more threads: %s\n",
              growth_kb < 16 * 1024 ? "under 16 MiB" : "TOO MUCH");
  if (growth_kb >= 16 * 1024) std::printf("grew by %ld kB\n", growth_kb);
}
