#include "GoDiagnosticStream.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace gort::plugin {

GoDiagnosticStream::StatementScope::StatementScope(GoDiagnosticStream *Stream,
                                                   SourceRange Range,
                                                   const Stmt *St)
    : Stream(Stream), Range(Range), St(St), Outer(nullptr) {
  if (Stream) {
    Outer = Stream->Scope;
    Stream->Scope = this;
  }
}

GoDiagnosticStream::StatementScope::~StatementScope() {
  if (Stream)
    Stream->Scope = Outer;
}

GoDiagnosticStream *GoDiagnosticStream::install(DiagnosticsEngine &Diags) {
  // A compiler instance that compiles several inputs creates our consumer
  // once per input: the stream installed for the previous one is reused.
  static GoDiagnosticStream *Last = nullptr;
  if (Last && Diags.getClient() == Last) {
    Last->release();
    Last->Silenced.clear();
    return Last;
  }
  if (!Diags.getClient())
    return nullptr;
  std::unique_ptr<DiagnosticConsumer> Owned = Diags.takeClient();
  DiagnosticConsumer &Next = *Diags.getClient();
  Last = new GoDiagnosticStream(Diags, Next, std::move(Owned));
  Diags.setClient(Last, /*ShouldOwnClient=*/true);
  return Last;
}

GoDiagnosticStream::GoDiagnosticStream(
    DiagnosticsEngine &Diags, DiagnosticConsumer &Next,
    std::unique_ptr<DiagnosticConsumer> OwnedNext)
    : Engine(Diags), Next(Next), OwnedNext(std::move(OwnedNext)) {
  // The group with its subgroups (-Wunused-comparison, -Wunused-result, ...).
  SmallVector<diag::kind, 32> IDs;
  Diags.getDiagnosticIDs()->getDiagnosticsInGroup(
      diag::Flavor::WarningOrError, "unused-value", IDs);
  UnusedValueIDs.insert(IDs.begin(), IDs.end());
}

// isBeforeInTranslationUnit ends in llvm_unreachable for two locations that
// share no including file (a module's and the main file's): such locations
// are taken as unordered here instead. Invalid ones are unordered too.
bool GoDiagnosticStream::before(SourceLocation A, SourceLocation B) const {
  if (A.isInvalid() || B.isInvalid() || A == B || !Engine.hasSourceManager())
    return false;
  const SourceManager &SM = Engine.getSourceManager();
  FileIDAndOffset L = SM.getDecomposedLoc(A), R = SM.getDecomposedLoc(B);
  if (L.first.isInvalid() || R.first.isInvalid())
    return false;
  auto [SameUnit, IsBefore] = SM.isInTheSameTranslationUnit(L, R);
  return SameUnit && IsBefore;
}

bool GoDiagnosticStream::within(SourceLocation Loc, SourceRange Range) const {
  if (Loc.isInvalid() || !Engine.hasSourceManager())
    return false;
  Loc = Engine.getSourceManager().getExpansionLoc(Loc);
  return Loc == Range.getBegin() || Loc == Range.getEnd() ||
         (before(Range.getBegin(), Loc) && before(Loc, Range.getEnd()));
}

// Where the printer shows a diagnostic (a macro argument at its spelling).
SourceLocation GoDiagnosticStream::fileLoc(SourceLocation Loc) const {
  if (Loc.isInvalid() || !Engine.hasSourceManager())
    return Loc;
  return Engine.getSourceManager().getFileLoc(Loc);
}

SourceRange GoDiagnosticStream::expansionRange(SourceRange Range) const {
  if (Range.isInvalid() || !Engine.hasSourceManager())
    return SourceRange();
  return Engine.getSourceManager().getExpansionRange(Range).getAsRange();
}

void GoDiagnosticStream::addNestedBodies(
    const Stmt *S, std::vector<SourceRange> &Bodies) const {
  for (const Stmt *Child : S->children()) {
    if (!Child)
      continue;
    const Stmt *Body = nullptr;
    if (const auto *L = dyn_cast<LambdaExpr>(Child))
      Body = L->getBody();
    else if (const auto *B = dyn_cast<BlockExpr>(Child))
      Body = B->getBody();
    else if (const auto *SE = dyn_cast<StmtExpr>(Child))
      Body = SE->getSubStmt();
    if (!Body) {
      addNestedBodies(Child, Bodies);
      continue;
    }
    if (SourceRange R = expansionRange(Body->getSourceRange()); R.isValid())
      Bodies.push_back(R);
  }
}

void GoDiagnosticStream::silenceUnusedValue(const StatementScope &Statement) {
  SourceRange Range = expansionRange(Statement.Range);
  if (Range.isInvalid())
    return;
  if (Silenced.empty() || Silenced.back().Range != Range) {
    SilencedStatement Entry{Range, {}};
    if (Statement.St)
      addNestedBodies(Statement.St, Entry.Bodies);
    Silenced.push_back(std::move(Entry));
  }
  // A warning Sema gave before the handler saw the statement is held (its
  // arrival started holding): drop it now.
  llvm::erase_if(Held, [&](const Group &G) {
    return G.UnusedValue && isSilenced(G.Diags.front().getLocation());
  });
}

bool GoDiagnosticStream::isSilenced(SourceLocation Loc) const {
  for (const SilencedStatement &S : Silenced)
    if (within(Loc, S.Range) &&
        llvm::none_of(S.Bodies,
                      [&](SourceRange Body) { return within(Loc, Body); }))
      return true;
  return false;
}

void GoDiagnosticStream::holdUntilLowered(SourceLocation Loc) {
  Holding = true;
  if (Loc.isInvalid() || !Engine.hasSourceManager())
    return;
  Loc = Engine.getSourceManager().getExpansionLoc(Loc);
  if (HoldUntil.isInvalid() || before(HoldUntil, Loc))
    HoldUntil = Loc;
}

void GoDiagnosticStream::declarationsLowered(SourceLocation End) {
  if (!Holding || End.isInvalid() || !Engine.hasSourceManager())
    return;
  End = Engine.getSourceManager().getExpansionLoc(End);
  if (before(End, HoldUntil))
    return;
  release();
}

void GoDiagnosticStream::release() {
  if (!Holding)
    return;
  Holding = false;
  HoldUntil = SourceLocation();
  std::vector<Group> Groups;
  Groups.swap(Held);
  if (LastFate == Fate::Held)
    LastFate = Fate::Passed; // a late note follows its diagnostic out
  std::vector<const Group *> Go, Other;
  for (const Group &G : Groups)
    (G.Go ? Go : Other).push_back(&G);
  // A stable insertion sort: a handful of groups, and `before` is not a
  // strict weak order across unordered locations, which std::stable_sort
  // may not be given.
  for (size_t I = 1; I < Go.size(); ++I)
    for (size_t J = I; J > 0 && before(Go[J]->Key, Go[J - 1]->Key); --J)
      std::swap(Go[J], Go[J - 1]);
  // Clang's own keep their order; each `[[go]]` group goes out before the
  // first of them that comes after it in the source, or that has no
  // location ("too many errors emitted, stopping now" stays last).
  size_t I = 0, J = 0;
  while (I < Go.size() || J < Other.size()) {
    bool TakeGo =
        J == Other.size() ||
        (I < Go.size() && (Other[J]->Key.isInvalid() ||
                           before(Go[I]->Key, Other[J]->Key)));
    const Group &G = TakeGo ? *Go[I++] : *Other[J++];
    for (const StoredDiagnostic &D : G.Diags)
      pass(D);
  }
}

void GoDiagnosticStream::HandleDiagnostic(DiagnosticsEngine::Level Level,
                                          const Diagnostic &Info) {
  if (Level == DiagnosticsEngine::Note) {
    if (LastFate == Fate::Dropped)
      return;
    if (LastFate == Fate::Passed || Held.empty()) {
      pass(Level, Info);
      return;
    }
    Group &G = Held.back();
    G.Diags.emplace_back(Level, Info);
    SourceLocation Loc = fileLoc(Info.getLocation());
    if (!G.Go && (G.Key.isInvalid() || before(G.Key, Loc)))
      G.Key = Loc;
    return;
  }
  bool UnusedValue = UnusedValueIDs.contains(Info.getID());
  if (UnusedValue && isSilenced(Info.getLocation())) {
    LastFate = Fate::Dropped;
    return;
  }
  if (Scope && Level >= DiagnosticsEngine::Error)
    silenceUnusedValue(*Scope);
  if (UnusedValue)
    holdUntilLowered(Info.getLocation());
  if (!Holding) {
    LastFate = Fate::Passed;
    pass(Level, Info);
    return;
  }
  Group G;
  G.Go = Scope != nullptr;
  G.UnusedValue = UnusedValue;
  // A `[[go]]` diagnostic outside its statement (in gort/go.hpp) is sorted
  // at the statement.
  G.Key = fileLoc(Scope && !within(Info.getLocation(),
                                   expansionRange(Scope->Range))
                      ? Scope->Range.getBegin()
                      : Info.getLocation());
  G.Diags.emplace_back(Level, Info);
  Held.push_back(std::move(G));
  LastFate = Fate::Held;
}

void GoDiagnosticStream::pass(DiagnosticsEngine::Level Level,
                              const Diagnostic &Info) {
  Next.HandleDiagnostic(Level, Info);
  countAsNext();
}

// The compiler reads the counts from the engine's consumer, this stream,
// and they must be Next's: -verify's consumer counts its failed
// expectations, not the diagnostics it was given.
void GoDiagnosticStream::countAsNext() {
  NumErrors = Next.getNumErrors();
  NumWarnings = Next.getNumWarnings();
}

// As DiagnosticsEngine::Report(const StoredDiagnostic &) rebuilds it, but
// for Next alone.
void GoDiagnosticStream::pass(const StoredDiagnostic &Stored) {
  DiagnosticStorage Storage;
  Storage.DiagRanges.append(Stored.range_begin(), Stored.range_end());
  Storage.FixItHints.append(Stored.fixit_begin(), Stored.fixit_end());
  Diagnostic Info(&Engine, Stored.getLocation(), Stored.getID(), Storage,
                  Stored.getMessage());
  pass(Stored.getLevel(), Info);
}

void GoDiagnosticStream::BeginSourceFile(const LangOptions &LangOpts,
                                         const Preprocessor *PP) {
  Next.BeginSourceFile(LangOpts, PP);
  countAsNext();
}

void GoDiagnosticStream::EndSourceFile() {
  release();
  Next.EndSourceFile();
  countAsNext();
}

void GoDiagnosticStream::finish() {
  release();
  Next.finish();
  countAsNext();
}

void GoDiagnosticStream::clear() {
  Next.clear();
  countAsNext();
}

bool GoDiagnosticStream::IncludeInDiagnosticCounts() const {
  return Next.IncludeInDiagnosticCounts();
}

} // namespace gort::plugin
