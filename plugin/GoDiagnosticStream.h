// The plugin's place in the diagnostic stream: a DiagnosticConsumer put in
// front of the compiler's own, for two things Clang cannot do for us.
//
// Source order. The attribute handler reports while the statement is
// parsed; the lowering reports later, when the consumer gets the whole
// top-level declaration (GoPluginAction.cpp). Passed straight through, a
// lowering error on line 3 would come out after a parse-time error on
// line 10 of the same function. So from the first `[[go]]` parsed in a
// declaration until that declaration has been lowered, every diagnostic is
// held; then the `[[go]]` ones (each with its notes) are sorted by their
// statement and merged into Clang's, which keep the order Clang gave them.
// A declaration without `[[go]]` is passed through as before, and nothing
// is held across declarations.
//
// No -Wunused-value noise. `[[go]] 42;` is an error; Clang also warns
// "expression result unused" about the same statement (Sema checks the
// expression before the attribute handler sees it). Once a `[[go]]`
// statement has an error, the -Wunused-value group's warnings inside it
// are dropped; everywhere else they stay. Because such a warning comes
// before Sema hands the statement to the handler, its arrival also starts
// holding, until its declaration is lowered.
//
// docs/design/plugin.md, "Diagnostics", has the rules users can rely on.
#pragma once

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <vector>

namespace clang {
class Stmt;
}

namespace gort::plugin {

class GoDiagnosticStream : public clang::DiagnosticConsumer {
public:
  // Puts a stream in front of Diags' consumer; Diags owns it from then on
  // (and the stream owns the old consumer if Diags did). Null if Diags has
  // no consumer.
  static GoDiagnosticStream *install(clang::DiagnosticsEngine &Diags);

  // Everything reported while a scope is alive belongs to the `[[go]]`
  // statement St at Range: it is sorted by its location (or the
  // statement's), and an error silences -Wunused-value inside Range, but
  // not in the bodies of lambdas, blocks and statement expressions in St,
  // which are statements of their own. Scopes nest (a lowering can
  // instantiate, and so lower, another function on the spot). A null
  // stream (the attribute without the plugin's action) does nothing.
  class StatementScope {
  public:
    StatementScope(GoDiagnosticStream *Stream, clang::SourceRange Range,
                   const clang::Stmt *St);
    ~StatementScope();
    StatementScope(const StatementScope &) = delete;
    StatementScope &operator=(const StatementScope &) = delete;

  private:
    friend class GoDiagnosticStream;
    GoDiagnosticStream *Stream;
    clang::SourceRange Range;
    const clang::Stmt *St;
    StatementScope *Outer;
  };

  // A `[[go]]` was parsed at Loc: hold until Loc's declaration is lowered.
  void holdUntilLowered(clang::SourceLocation Loc);
  // Top-level declarations that end at End have been lowered: what was held
  // for a location up to End comes out. (An instantiation done on the spot
  // ends at its pattern, before the held location, and releases nothing.)
  void declarationsLowered(clang::SourceLocation End);
  // Emits everything held (the end of the translation unit).
  void release();

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;
  void BeginSourceFile(const clang::LangOptions &LangOpts,
                       const clang::Preprocessor *PP) override;
  void EndSourceFile() override;
  void finish() override;
  void clear() override;
  bool IncludeInDiagnosticCounts() const override;

private:
  GoDiagnosticStream(clang::DiagnosticsEngine &Diags,
                     clang::DiagnosticConsumer &Next,
                     std::unique_ptr<clang::DiagnosticConsumer> OwnedNext);

  // A diagnostic with its notes.
  struct Group {
    llvm::SmallVector<clang::StoredDiagnostic, 2> Diags;
    bool Go = false;          // reported while a StatementScope was alive
    bool UnusedValue = false; // a -Wunused-value warning
    // Go: the diagnostic's location, or its statement's if it lies
    // outside. Otherwise the latest location among the diagnostic and its
    // notes, which for an error in an instantiation is where the
    // instantiation was requested.
    clang::SourceLocation Key;
  };
  enum class Fate { Passed, Held, Dropped };
  // A statement with a `[[go]]` error, and the bodies nested in it
  // (expansion ranges).
  struct SilencedStatement {
    clang::SourceRange Range;
    std::vector<clang::SourceRange> Bodies;
  };

  bool before(clang::SourceLocation A, clang::SourceLocation B) const;
  bool within(clang::SourceLocation Loc, clang::SourceRange Range) const;
  clang::SourceLocation fileLoc(clang::SourceLocation Loc) const;
  clang::SourceRange expansionRange(clang::SourceRange Range) const;
  void silenceUnusedValue(const StatementScope &Statement);
  void addNestedBodies(const clang::Stmt *S,
                       std::vector<clang::SourceRange> &Bodies) const;
  bool isSilenced(clang::SourceLocation Loc) const;
  void pass(clang::DiagnosticsEngine::Level Level,
            const clang::Diagnostic &Info);
  void pass(const clang::StoredDiagnostic &Stored);
  void countAsNext();

  clang::DiagnosticsEngine &Engine;
  clang::DiagnosticConsumer &Next;
  std::unique_ptr<clang::DiagnosticConsumer> OwnedNext;
  llvm::DenseSet<unsigned> UnusedValueIDs;

  StatementScope *Scope = nullptr;
  bool Holding = false;
  clang::SourceLocation HoldUntil; // latest location held for (expansion)
  std::vector<Group> Held;
  Fate LastFate = Fate::Passed; // of the last non-note, for its notes
  std::vector<SilencedStatement> Silenced;
};

} // namespace gort::plugin
