// Per-translation-unit facts shared by the two halves of the plugin: the
// attribute handler (runs while parsing) and the lowering consumer (runs on
// every top-level declaration, before CodeGen sees it).
#pragma once

#include "clang/Basic/SourceLocation.h"

namespace clang {
class Stmt;
}

namespace gort::plugin {

class GoDiagnosticStream;

// The AnnotateAttr string that marks a parsed `[[go]]` statement. The marker
// survives template instantiation and PCH serialization; CodeGen ignores it.
inline constexpr const char kGoMarker[] = "gort.go";

struct GoState {
  // A `[[go]]` was parsed somewhere in this TU (fast path: no walk without).
  bool SeenGo = false;
  // ... and one of them was in a system header, so system-header
  // declarations must be walked too.
  bool SeenGoInSystemHeader = false;
  // The statement the previous `[[go]]` applied to, to diagnose
  // `[[go]] [[gort::go]] f();`: Sema handles the attributes of one statement
  // one after the other, with the same Stmt*.
  const clang::Stmt *LastStmt = nullptr;
  clang::SourceLocation LastAttrLoc;
  // Where the plugin's diagnostics go (GoDiagnosticStream.h); null if the
  // attribute is parsed without the plugin's action.
  GoDiagnosticStream *Stream = nullptr;

  // One compiler instance compiles one TU; the consumer resets the state
  // when it is created.
  static GoState &get();
  void reset() { *this = GoState(); }
};

} // namespace gort::plugin
