// Re-specializing a function template for the goroutine's copies.
//
// `[[go]] show(x);` with `template <class T> void show(T&& t)` reuses the
// callee that overload resolution chose, and Sema chose show<int&>: the
// parameter is `int&`, which cannot bind the goroutine's copy of x. The
// go statement copies every argument, so the goroutine must call the
// specialization deduced from the copies, as rvalues of the decayed types:
// show<int>, whose `int&&` binds the goroutine's own int. The same holds
// for a reference parameter deduced to an array (`log("hi")` with
// `template <class T> void log(const T&)` deduces T = char[3], but the
// goroutine holds a `const char*`: log<const char*>).
//
// Only those two cases re-deduce; for any other specialization the callee
// Sema chose is kept (docs/design/plugin.md). Explicit template arguments
// are kept, so `show<int&>(x)` still names a non-const lvalue reference.
#pragma once

#include "llvm/ADT/ArrayRef.h"

namespace clang {
class Expr;
class FunctionDecl;
class QualType;
class Sema;
class SourceLocation;
class TemplateArgumentListInfo;
} // namespace clang

namespace gort::plugin {

// The type the goroutine holds for an argument of type T: std::decay_t.
clang::QualType decayedArgumentType(clang::Sema &S, clang::QualType T);

// If FD is a specialization that must be re-deduced (see above), the
// specialization of the same template deduced from rvalues of ArgTypes
// (the decayed types of the written arguments, default arguments left
// out) and the explicit template arguments, if any. nullptr to keep FD,
// also when the new deduction fails (FD's errors are then reported).
//
// The new specialization's body is instantiated at once, with its
// diagnostics suppressed: a body that compiled for Sema's specialization
// may not for the copies' types (`template <class T, class X> void
// put(const T& v, X x) { x.put(v); }` with `"x", Tr<char[2]>{}`). Then
// *BodyFails is set and that specialization is returned, for the caller
// to report at the statement instead of inside the template.
clang::FunctionDecl *
respecializeForCopies(clang::Sema &S, clang::FunctionDecl *FD,
                      llvm::ArrayRef<clang::QualType> ArgTypes,
                      clang::TemplateArgumentListInfo *Explicit,
                      clang::SourceLocation Loc, bool *BodyFails);

} // namespace gort::plugin
