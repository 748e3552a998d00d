// Port of Go's test/chan/sieve1.go: primes up to 100 from a daisy chain of
// filter goroutines (trial division by every prime found so far), checking
// each result.
//
// RUN: %gortxx %s -o %t && %t | FileCheck %s
// CHECK: PASS
#include <gort/gort.hpp>

#include <cstdio>
#include <cstdlib>

// Sends the sequence 2, 3, 4, ... to ch.
void generate(gort::chan<int> ch) {
  for (int i = 2;; ++i) ch.send(i);
}

// Copies the values from in to out, removing those divisible by prime.
void filter(gort::chan<int> in, gort::chan<int> out, int prime) {
  for (int i : in)
    if (i % prime != 0) out.send(i);
}

// The prime sieve: daisy-chain filter goroutines together.
void sieve(gort::chan<int> primes) {
  auto ch = gort::make_chan<int>();
  gort::go(generate, ch);
  for (;;) {
    // ch is a different channel on each iteration.
    int prime = *ch.recv();
    primes.send(prime);
    auto ch1 = gort::make_chan<int>();
    gort::go(filter, ch, ch1, prime);
    ch = ch1;
  }
}

int main() {
  auto primes = gort::make_chan<int>();
  gort::go(sieve, primes);
  const int a[] = {2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41,
                   43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};
  for (int want : a) {
    int x = *primes.recv();
    if (x != want) {
      std::printf("%d != %d\n", x, want);
      std::abort();
    }
  }
  std::printf("PASS\n");
}
