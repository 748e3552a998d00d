// errno after a goroutine moved to another thread (docs/design/syscalls.md).
#pragma once

namespace clang {
class ASTContext;
class Decl;
}

namespace gort::plugin {

// glibc declares __errno_location const (errno is `(*__errno_location())`),
// so Clang computes the errno address once per function and reuses it
// across calls. A goroutine that blocks in between may resume on another OS
// thread, and then reads and writes the old thread's errno: a failing
// read() right after a migration showed errno 0. Dropping the attribute
// from the declaration makes every use of errno ask for the current
// thread's (a call of a few instructions). The same holds for
// pthread_self (so std::this_thread::get_id()), also declared const: after
// a migration a goroutine saw its old thread's id.
void forgetErrnoLocationIsConst(clang::Decl *D);
// The same for a declaration that came from a PCH or module (those do not
// pass through HandleTopLevelDecl): looked up by name in the TU.
void forgetErrnoLocationIsConst(clang::ASTContext &Ctx);

} // namespace gort::plugin
