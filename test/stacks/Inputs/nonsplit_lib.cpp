// Built without -fsplit-stack: a "foreign" library function that needs
// `kb` KiB of stack and does not know about segments.
#include <cstring>

extern "C" __attribute__((noinline)) long foreign_stack_hog(int kb) {
  char big[1024];
  std::memset(big, kb, sizeof big);
  long r = big[kb % 1024];
  if (kb > 1) r += foreign_stack_hog(kb - 1);
  asm volatile("" : : "r"(big) : "memory");
  return r;
}
