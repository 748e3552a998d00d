// Registration of the `[[go]]` statement attribute and its parse-time checks.
//
// Spellings: C++11 `[[go]]` and `[[gort::go]]` only. No GNU spelling: without
// the plugin, Clang hard-errors on `__attribute__((go))` in statement
// position, while an unknown C++11 attribute only warns, which keeps serial
// elision (the same source compiled without the plugin) working.
//
// Sema calls handleStmtAttribute once per parsed statement, before it builds
// the AttributedStmt, and only at a template's definition, never per
// instantiation. The handler cannot replace the statement, so it only checks
// what can be checked now and attaches a marker (an AnnotateAttr, which
// CodeGen ignores); GoPluginAction's consumer lowers marked statements later.
#include "GoCallShape.h"
#include "GoDiagnosticStream.h"
#include "GoDiagnostics.h"
#include "GoLowering.h"
#include "GoState.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace gort::plugin {
namespace {

struct GoAttrInfo : ParsedAttrInfo {
  GoAttrInfo() {
    static constexpr Spelling S[] = {{ParsedAttr::AS_CXX11, "go"},
                                     {ParsedAttr::AS_CXX11, "gort::go"}};
    Spellings = S;
    IsStmt = 1;
  }

  // `[[go]] int x = f();`, `[[go]] void f();`: a declaration, not a call.
  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr,
                            const Decl *D) const override {
    GoDiagnosticStream *Stream = GoState::get().Stream;
    GoDiagnosticStream::StatementScope Scope(Stream, Attr.getRange(), nullptr);
    if (Stream)
      Stream->holdUntilLowered(Attr.getLoc());
    diagOnDeclaration(S, Attr.getLoc());
    return false;
  }

  AttrHandling handleStmtAttribute(Sema &S, Stmt *St, const ParsedAttr &Attr,
                                   class Attr *&Result) const override {
    GoState &State = GoState::get();
    // What is reported here belongs to the statement (sorted with the
    // lowering's reports, GoDiagnosticStream.h), and an error silences
    // Sema's -Wunused-value warning about it.
    SourceRange StmtRange = Attr.getRange();
    if (St && St->getEndLoc().isValid())
      StmtRange.setEnd(St->getEndLoc());
    GoDiagnosticStream::StatementScope Scope(State.Stream, StmtRange, St);
    if (State.Stream)
      State.Stream->holdUntilLowered(Attr.getLoc());
    if (State.LastStmt == St) {
      diagDuplicate(S, Attr.getLoc(), State.LastAttrLoc);
      return AttributeNotApplied;
    }
    State.LastStmt = St;
    State.LastAttrLoc = Attr.getLoc();
    State.SeenGo = true;
    if (S.getSourceManager().isInSystemHeader(Attr.getLoc()))
      State.SeenGoInSystemHeader = true;

    // Sema has already reported the error inside a broken expression.
    if (auto *E = dyn_cast_or_null<Expr>(St); E && E->containsErrors())
      return AttributeNotApplied;

    GoCallShape Shape = classifyGoStatement(St);
    SourceLocation Loc = St ? St->getBeginLoc() : Attr.getLoc();
    switch (Shape.Kind) {
    case GoCallKind::NotACall:
      diagNotACall(S, Loc, St ? St->getSourceRange() : Attr.getRange(),
                   Shape.Reason);
      return AttributeNotApplied;
    case GoCallKind::Builtin:
      diagBuiltin(S, Loc, Shape.Call->getSourceRange(),
                  Shape.Call->getDirectCallee());
      return AttributeNotApplied;
    default:
      break;
    }
    // Like a Go import: ::gort::go must be declared where [[go]] is written.
    if (!lookupGortGo(S, Loc)) {
      diagMissingHeader(S, Loc);
      return AttributeNotApplied;
    }
    Result = AnnotateAttr::CreateImplicit(S.Context, kGoMarker, nullptr, 0,
                                          Attr.getRange());
    return AttributeApplied;
  }
};

} // namespace
} // namespace gort::plugin

static clang::ParsedAttrInfoRegistry::Add<gort::plugin::GoAttrInfo>
    RegisterGoAttribute("go", "the [[go]] statement of gort");
