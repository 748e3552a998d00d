// deep_stack's recursion (BENCH.md section 6), shared by the C++ programs so
// that every peer runs exactly the same machine code.
#pragma once

#include <cstdint>
#include <cstring>

namespace bench {

constexpr std::uint32_t deep_stack_depth = 100'000;
constexpr std::uint64_t deep_stack_expected = 50'048;  // rec(100000)

// At least 256 bytes of frame per level: buf escapes into an empty asm
// statement (a compiler barrier), so it is materialised, kept alive across
// the recursive call, and no call is turned into a loop.
__attribute__((noinline)) inline std::uint64_t deep_rec(std::uint32_t d) {
  unsigned char buf[256];
  std::memset(buf, 0, sizeof buf);
  buf[d % 256] = static_cast<unsigned char>(d % 256);
  asm volatile("" : : "r"(buf) : "memory");
  if (d == 0) return buf[0];
  std::uint64_t r = deep_rec(d - 1);
  return r + buf[(7 * d) % 256];
}

}  // namespace bench
