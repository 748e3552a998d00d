// An argument that can be neither copied nor moved into the goroutine is
// rejected by gort::go's static_assert, with a note at the [[go]] statement.
// RUN: %gortpp -fsyntax-only -Wno-comment -Xclang -verify %s
#include <gort/gort.hpp>
#include <mutex>

void use(const std::mutex &m);

void caller() {
  std::mutex m;
  [[go]] use(m); // expected-note {{in instantiation of function template specialization 'gort::go<void (*)(const std::mutex &), std::mutex &>' requested here}}
  // expected-error@*:* {{gort::go: every argument is copied (or moved) into the goroutine}}
  // expected-error@*:* 0+ {{}}
  // expected-note@*:* 0+ {{}}
}
