// The AST shapes of a `[[go]]` statement: which call it makes, and how.
//
//   [[go]] f(a);         CallExpr (callee: function or function pointer)
//   [[go]] obj.m(a);     CXXMemberCallExpr (callee: MemberExpr obj.m)
//   [[go]] p->m(a);      CXXMemberCallExpr (callee: MemberExpr p->m)
//   [[go]] m(a);         CXXMemberCallExpr (callee: MemberExpr this->m)
//   [[go]] (o.*pm)(a);   CXXMemberCallExpr (callee: BinaryOperator .* / ->*)
//   [[go]] fn(a);        CXXOperatorCallExpr operator() (lambda, functor,
//                        std::function); argument 0 is the object
//
// Sema may wrap the call: ExprWithCleanups (temporaries in the statement),
// CXXBindTemporaryExpr (a class result with a destructor), ConstantExpr
// (a consteval call, with its own ExprWithCleanups inside), parentheses,
// implicit casts. The wrappers are stripped here.
#pragma once

#include "GoDiagnostics.h"

namespace clang {
class CallExpr;
class ExprWithCleanups;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace gort::plugin {

enum class GoCallKind {
  NotACall,       // diagnosed with diagNotACall(Reason)
  Builtin,        // a builtin without an address (__builtin_*)
  Dependent,      // inside a template: checked again per instantiation
  Function,       // free or static member function, function pointer
  Member,         // non-static member function call
  MemberPointer,  // (obj.*pmf)(...) or (ptr->*pmf)(...)
  FunctionObject, // operator() of a lambda, functor or std::function
};

struct GoCallShape {
  GoCallKind Kind = GoCallKind::NotACall;
  NotACallReason Reason = NotACallReason::NotACallExpression;
  clang::CallExpr *Call = nullptr;
  // The full-expression wrapper of the statement, if Sema made one.
  clang::ExprWithCleanups *Cleanups = nullptr;
};

GoCallShape classifyGoStatement(clang::Stmt *S);

// True when S is already `::gort::go(...)` (lowered earlier, for example
// in a PCH, or spelled by hand as `[[go]] gort::go(f)`).
bool isCallToGortGo(const clang::CallExpr *Call);

} // namespace gort::plugin
