// Runtime panics: misuse of a gort primitive throws gort::panic_error with
// Go's message text. If nothing catches it, the goroutine's panic ends the
// process (see docs/guide.md, "Panics").
#pragma once

#include <stdexcept>
#include <string>

namespace gort {

class panic_error : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace gort
