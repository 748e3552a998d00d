// Lowering of one marked `[[go]] CALL;` into `::gort::go(callee, args...)`.
#pragma once

#include "clang/Basic/SourceLocation.h"

namespace clang {
class AttributedStmt;
class DeclContext;
class Sema;
} // namespace clang

namespace gort::plugin {

// Qualified lookup of ::gort::go (a function template) from Loc.
bool lookupGortGo(clang::Sema &S, clang::SourceLocation Loc);

// True when AS carries the marker that GoAttribute attached.
bool isGoStatement(const clang::AttributedStmt *AS);

// Replaces the sub-statement of the marked AS, which appears in the
// non-dependent function (or lambda, block) DC, with the gort::go call.
// Reports errors (and leaves AS alone) when the call cannot be spawned.
void lowerGoStatement(clang::Sema &S, clang::AttributedStmt *AS,
                      clang::DeclContext *DC);

} // namespace gort::plugin
