// fanout_cpu's task body (BENCH.md section 7), shared by the C++ programs.
#pragma once

#include <cstdint>
#include <thread>

#include "bench.hpp"

namespace bench {

constexpr std::uint64_t fanout_total_iters = 200'000'000;
constexpr std::uint64_t fanout_checksum_4_tasks = 0x5befcb60d035df92ull;

inline int fanout_tasks() {
  unsigned ncpu = std::thread::hardware_concurrency();
  return 2 * static_cast<int>(ncpu ? ncpu : 1);
}

// `per` xorshift64 steps from x = i + 1.
inline std::uint64_t fanout_work(int i, std::uint64_t per) {
  std::uint64_t x = static_cast<std::uint64_t>(i) + 1;
  for (std::uint64_t k = 0; k < per; ++k) x = xorshift64(x);
  return x;
}

}  // namespace bench
