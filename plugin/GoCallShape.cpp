#include "GoCallShape.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace gort::plugin {
namespace {

// Strips what Sema wraps around a discarded-value call.
Expr *stripCallWrappers(Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (auto *C = dyn_cast<ConstantExpr>(E))
      E = C->getSubExpr();
    else if (auto *EC = dyn_cast<ExprWithCleanups>(E))
      E = EC->getSubExpr(); // inside the ConstantExpr of a consteval call
    else if (auto *I = dyn_cast<ImplicitCastExpr>(E))
      E = I->getSubExpr();
    else
      return E;
  }
}

GoCallShape notACall(NotACallReason R) {
  GoCallShape Shape;
  Shape.Reason = R;
  return Shape;
}

GoCallShape classifyCall(CallExpr *CE) {
  GoCallShape Shape;
  Shape.Call = CE;
  if (CE->isTypeDependent() || CE->isValueDependent() ||
      CE->containsUnexpandedParameterPack()) {
    // A dependent operator call is still an operator, whatever the types.
    if (auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
        Op && Op->getOperator() != OO_Call)
      return notACall(NotACallReason::OverloadedOperator);
    Shape.Kind = GoCallKind::Dependent;
    return Shape;
  }
  if (auto *Op = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (Op->getOperator() != OO_Call)
      return notACall(NotACallReason::OverloadedOperator);
    Shape.Kind = GoCallKind::FunctionObject;
    return Shape;
  }
  if (auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Expr *Callee = MC->getCallee()->IgnoreParens();
    if (isa<BinaryOperator>(Callee)) {
      Shape.Kind = GoCallKind::MemberPointer;
      return Shape;
    }
    if (isa_and_nonnull<CXXDestructorDecl>(MC->getMethodDecl()))
      return notACall(NotACallReason::Destructor);
    if (isa<MemberExpr>(Callee)) {
      Shape.Kind = GoCallKind::Member;
      return Shape;
    }
    return notACall(NotACallReason::Unsupported);
  }
  if (isa<UserDefinedLiteral>(CE) || isa<CUDAKernelCallExpr>(CE))
    return notACall(NotACallReason::Unsupported);
  Expr *Callee = CE->getCallee()->IgnoreParens();
  if (isa<CXXPseudoDestructorExpr>(Callee->IgnoreParenImpCasts()))
    return notACall(NotACallReason::Destructor);
  if (auto *Cast = dyn_cast<ImplicitCastExpr>(Callee);
      Cast && Cast->getCastKind() == CK_BuiltinFnToFnPtr) {
    Shape.Kind = GoCallKind::Builtin;
    return Shape;
  }
  Shape.Kind = GoCallKind::Function;
  return Shape;
}

} // namespace

GoCallShape classifyGoStatement(Stmt *S) {
  auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return notACall(NotACallReason::NotAnExpression);
  ExprWithCleanups *Cleanups = dyn_cast<ExprWithCleanups>(E);
  if (Cleanups)
    E = Cleanups->getSubExpr();
  auto *CE = dyn_cast<CallExpr>(stripCallWrappers(E));
  if (!CE)
    return notACall(NotACallReason::NotACallExpression);
  GoCallShape Shape = classifyCall(CE);
  Shape.Cleanups = Cleanups;
  return Shape;
}

bool isCallToGortGo(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() || FD->getName() != "go")
    return false;
  const auto *NS = dyn_cast<NamespaceDecl>(FD->getDeclContext());
  return NS && NS->getIdentifier() && NS->getName() == "gort" &&
         NS->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

} // namespace gort::plugin
