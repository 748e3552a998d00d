// Arguments are evaluated and converted in the caller, at the statement: a
// `const char*` becomes the std::string parameter before the goroutine
// starts (so overwriting the buffer afterwards is harmless), and an object
// bound to a `const Base&` parameter is copied whole, not sliced.
// RUN: %gortpp -fsyntax-only -Xclang -ast-dump -Xclang -ast-dump-filter=spawn_conv %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"
#include <cstring>

struct Animal {
  virtual ~Animal() = default;
  virtual std::string name() const { return "animal"; }
};
struct Dog : Animal {
  std::string name() const override { return "dog"; }
};

void greet(int slot, std::string who) { check::record(slot, "hello " + who); }
void describe(int slot, const Animal &a) { check::record(slot, a.name()); }

void spawn_conv(char *buffer, Dog &dog) {
  [[go]] greet(0, buffer);
  [[go]] describe(1, dog);
  std::strcpy(buffer, "overwritten");
}
// The std::string is constructed in the caller ...
// AST-LABEL: Dumping spawn_conv:
// AST: DeclRefExpr {{.*}} 'go' 'void (void (*&&)(int, std::basic_string<char>), int &&, std::basic_string<char> &&)'
// AST: CXXConstructExpr {{.*}} 'std::string':'std::basic_string<char>' 'void (const char *, const std::allocator<char> &)'
// ... and the Dog is passed as a Dog, without its derived-to-base cast.
// AST: DeclRefExpr {{.*}} 'go' 'void (void (*&&)(int, const Animal &), int &&, Dog &)'
// AST-NOT: DerivedToBase
// AST: DeclRefExpr {{.*}} 'dog' 'Dog &'

int main() {
  check::start(2);
  char buffer[32] = "gopher";
  Dog dog;
  spawn_conv(buffer, dog);
  check::finish(2);
}
// OUT: 0: hello gopher [other goroutine]
// OUT: 1: dog [other goroutine]
