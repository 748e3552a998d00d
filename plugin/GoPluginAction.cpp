// The plugin action: a SemaConsumer that lowers every marked `[[go]]`
// statement before CodeGen sees the declaration that contains it.
//
// Why here and nowhere else (measured with Clang 22):
// - The action runs AddBeforeMainAction, so in the MultiplexConsumer our
//   HandleTopLevelDecl runs before CodeGen's for the same declaration.
//   AddAfterMainAction would run after CodeGen: the call silently stays
//   serial.
// - Sema hands each template instantiation to HandleTopLevelDecl before
//   CodeGen emits it, so a `[[go]]` in a template is lowered once per
//   instantiation (it cannot be lowered at its dependent definition).
// - HandleTranslationUnit is too late: main is already emitted.
//
// - Not every declaration whose code CodeGen emits comes through
//   HandleTopLevelDecl (a lambda in an instantiated default member
//   initializer, static data member, variable template or default
//   argument; an implicitly defined constructor): GoUseListener records
//   those, and every consumer callback walks them first, before CodeGen's
//   callback can emit them.
//
// Declarations in system headers are skipped (the cost of the plugin is
// then a walk over the user's own code) unless a `[[go]]` was parsed in a
// system header. Decls from a PCH or module come through
// HandleInterestingDecl, which forwards here.
#include "ErrnoLocation.h"
#include "GoDiagnosticStream.h"
#include "GoDiagnostics.h"
#include "GoLowering.h"
#include "GoState.h"
#include "GoUseListener.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/SemaConsumer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace gort::plugin {
namespace {

// Finds marked AttributedStmts and the function, lambda or block whose body
// holds each of them. Template instantiations are not visited from their
// patterns: each one arrives through HandleTopLevelDecl on its own.
class GoStatementFinder : public RecursiveASTVisitor<GoStatementFinder> {
public:
  using Base = RecursiveASTVisitor<GoStatementFinder>;

  GoStatementFinder(Sema &S, llvm::DenseSet<const AttributedStmt *> &Seen)
      : S(S), Seen(Seen) {}

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    DeclContext *Saved = Context;
    if (isa<FunctionDecl, BlockDecl, CapturedDecl>(D))
      Context = cast<DeclContext>(D);
    bool Result = Base::TraverseDecl(D);
    Context = Saved;
    return Result;
  }

  // The body is traversed now, not queued (data recursion would visit it
  // after Context is restored).
  bool TraverseLambdaExpr(LambdaExpr *E, DataRecursionQueue * = nullptr) {
    DeclContext *Saved = Context;
    Context = E->getCallOperator();
    bool Result = Base::TraverseLambdaExpr(E, /*Queue=*/nullptr);
    Context = Saved;
    return Result;
  }

  bool VisitAttributedStmt(AttributedStmt *AS) {
    if (!isGoStatement(AS))
      return true;
    // A dependent context is a template pattern: lowered per instantiation.
    if (Context && Context->isDependentContext())
      return true;
    if (!Seen.insert(AS).second)
      return true;
    // A statement outside any function (a GNU statement expression in an
    // initializer): there is no function to build the call in; never leave
    // it silently serial.
    if (!Context) {
      GoDiagnosticStream::StatementScope Scope(GoState::get().Stream,
                                               AS->getSourceRange(), AS);
      diagNotLowered(S, AS->getBeginLoc(), AS->getSourceRange());
    } else
      lowerGoStatement(S, AS, Context);
    return true;
  }

private:
  Sema &S;
  llvm::DenseSet<const AttributedStmt *> &Seen;
  DeclContext *Context = nullptr;
};

// Clang cannot compile a variadic function with -fsplit-stack ("Segmented
// stacks do not support vararg functions"), and libstdc++ has some
// (__gnu_cxx::__to_xstring, behind std::to_string(double)). Every variadic
// definition is marked no_split_stack instead: it is compiled as ordinary
// code, and the linker treats calls into it as calls into foreign code
// (which get a large stack). Only declarations are walked, not statements:
// namespaces, linkage specs and classes; template instantiations arrive
// through HandleTopLevelDecl on their own.
void markVariadicNoSplitStack(Decl *D, ASTContext &Ctx) {
  if (auto *FD = dyn_cast<FunctionDecl>(D)) {
    if (FD->isVariadic() && FD->doesThisDeclarationHaveABody() &&
        !FD->hasAttr<NoSplitStackAttr>())
      FD->addAttr(NoSplitStackAttr::CreateImplicit(Ctx));
    return;
  }
  if (auto *FTD = dyn_cast<FunctionTemplateDecl>(D)) {
    markVariadicNoSplitStack(FTD->getTemplatedDecl(), Ctx);
    return;
  }
  if (isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl, ExportDecl>(D))
    for (Decl *Sub : cast<DeclContext>(D)->decls())
      markVariadicNoSplitStack(Sub, Ctx);
}

class GoLoweringConsumer : public SemaConsumer {
public:
  explicit GoLoweringConsumer(bool SplitStack)
      : SplitStack(SplitStack), Listener(Pending) {}

  void InitializeSema(Sema &S) override { TheSema = &S; }
  void ForgetSema() override { TheSema = nullptr; }
  ASTMutationListener *GetASTMutationListener() override { return &Listener; }

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    lowerTopLevelDecl(Group);
    // Diagnostics held since a [[go]] in Group was parsed come out now,
    // in source order (GoDiagnosticStream.h).
    if (GoDiagnosticStream *Stream = GoState::get().Stream) {
      SourceLocation End;
      for (Decl *D : Group)
        if (D && D->getEndLoc().isValid())
          End = D->getEndLoc(); // a group's declarations are in order
      Stream->declarationsLowered(End);
    }
    return true;
  }

  // Every callback after which CodeGen may emit code walks the recorded
  // declarations first (the MultiplexConsumer calls this consumer first).
  void HandleInlineFunctionDefinition(FunctionDecl *) override {
    walkPending();
  }
  void HandleTagDeclDefinition(TagDecl *) override { walkPending(); }
  void HandleCXXImplicitFunctionInstantiation(FunctionDecl *) override {
    walkPending();
  }
  void CompleteTentativeDefinition(VarDecl *) override { walkPending(); }
  void HandleCXXStaticMemberVarInstantiation(VarDecl *) override {
    walkPending();
  }
  void HandleVTable(CXXRecordDecl *) override { walkPending(); }
  // The end-of-TU instantiations are done; a statement lowered now queues
  // its gort::go specialization, which must still be instantiated (and
  // handed to CodeGen, which has not finished yet).
  void HandleTranslationUnit(ASTContext &) override {
    while (TheSema && walkPending())
      TheSema->PerformPendingInstantiations();
    if (GoDiagnosticStream *Stream = GoState::get().Stream)
      Stream->release();
  }

private:
  void lowerTopLevelDecl(DeclGroupRef Group) {
    if (!TheSema)
      return;
    walkPending();
    const GoState &State = GoState::get();
    ASTContext &Ctx = TheSema->getASTContext();
    if (!LookedUpExternalErrno && Ctx.getExternalSource()) {
      LookedUpExternalErrno = true;
      forgetErrnoLocationIsConst(Ctx);
    }
    for (Decl *D : Group)
      forgetErrnoLocationIsConst(D);
    if (SplitStack)
      for (Decl *D : Group)
        markVariadicNoSplitStack(D, Ctx);
    // Fast path: no [[go]] parsed and none can come from a PCH or module.
    if (!State.SeenGo && !Ctx.getExternalSource())
      return;
    SourceManager &SM = Ctx.getSourceManager();
    for (Decl *D : Group) {
      if (!State.SeenGoInSystemHeader && SM.isInSystemHeader(D->getLocation()))
        continue;
      GoStatementFinder(*TheSema, Seen).TraverseDecl(D);
    }
    walkPending(); // what the lowering itself marked used
  }

  // Walks the declarations GoUseListener recorded; true if any [[go]] was
  // lowered or diagnosed.
  bool walkPending() {
    if (!TheSema || Pending.empty())
      return false;
    const GoState &State = GoState::get();
    ASTContext &Ctx = TheSema->getASTContext();
    if (!State.SeenGo && !Ctx.getExternalSource()) {
      Pending.clear(); // nothing parsed so far can hold a [[go]]
      return false;
    }
    SourceManager &SM = Ctx.getSourceManager();
    size_t Before = Seen.size();
    // Walking (lowering) records more; the vector may grow meanwhile.
    while (!Pending.empty()) {
      Decl *D = const_cast<Decl *>(Pending.back());
      Pending.pop_back();
      if (!State.SeenGoInSystemHeader && SM.isInSystemHeader(D->getLocation()))
        continue;
      if (auto *FD = dyn_cast<FunctionDecl>(D); FD && !FD->hasBody())
        continue; // its definition comes through a callback of its own
      if (!Walked.insert(D).second)
        continue;
      GoStatementFinder(*TheSema, Seen).TraverseDecl(D);
    }
    return Seen.size() != Before;
  }

  bool SplitStack;
  bool LookedUpExternalErrno = false;
  Sema *TheSema = nullptr;
  std::vector<const Decl *> Pending;
  GoUseListener Listener;
  // Declarations walked from Pending (each is reported more than once:
  // used, then instantiated).
  llvm::DenseSet<const Decl *> Walked;
  // Statements already lowered or diagnosed (a declaration can be handed
  // over more than once, for example a namespace and then its members).
  llvm::DenseSet<const AttributedStmt *> Seen;
};

class GoPluginAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    GoState::get().reset();
    GoState::get().Stream = GoDiagnosticStream::install(CI.getDiagnostics());
    return std::make_unique<GoLoweringConsumer>(
        bool(CI.getCodeGenOpts().EnableSegmentedStacks));
  }

  bool ParseArgs(const CompilerInstance &,
                 const std::vector<std::string> &) override {
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace
} // namespace gort::plugin

static clang::FrontendPluginRegistry::Add<gort::plugin::GoPluginAction>
    RegisterGoAction("gort-go", "lower [[go]] statements to gort::go calls");
