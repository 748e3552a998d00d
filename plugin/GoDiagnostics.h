// The plugin's diagnostics. Every error names the offending construct at its
// source location; where a mechanical fix exists, a note carries a fix-it.
#pragma once

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class Expr;
class Sema;
class QualType;
class NamedDecl;
} // namespace clang

namespace gort::plugin {

// Why a statement is not a call that `[[go]]` can spawn.
enum class NotACallReason {
  NotAnExpression,    // `[[go]] return f();`, `[[go]] { ... }`
  NotACallExpression, // `[[go]] x = 1;`
  OverloadedOperator, // `[[go]] a + b;`, `[[go]] std::cout << x;`
  Destructor,         // `[[go]] p->~T();`
  Unsupported,        // literal operators, CUDA kernel calls
};

void diagNotACall(clang::Sema &S, clang::SourceLocation Loc,
                  clang::SourceRange Range, NotACallReason Reason);
void diagNonConstLValueRefParam(clang::Sema &S, const clang::Expr *Arg,
                                unsigned ParamIndex,
                                const clang::NamedDecl *Param,
                                clang::QualType ParamType);
void diagInitializerListParam(clang::Sema &S, const clang::Expr *Arg,
                              unsigned ParamIndex,
                              const clang::NamedDecl *Param,
                              clang::QualType ParamType,
                              clang::QualType ElementType);
void diagViewFromCopy(clang::Sema &S, const clang::Expr *Arg,
                      unsigned ParamIndex, const clang::NamedDecl *Param,
                      clang::QualType ParamType, clang::QualType CopyType);
void diagVolatileRefParam(clang::Sema &S, const clang::Expr *Arg,
                          unsigned ParamIndex, const clang::NamedDecl *Param,
                          clang::QualType ParamType);
void diagAbstractArgument(clang::Sema &S, const clang::Expr *Arg,
                          unsigned ParamIndex, const clang::NamedDecl *Param,
                          clang::QualType ParamType, clang::QualType ArgType);
void diagAbstractFunctionObject(clang::Sema &S, const clang::Expr *Object,
                                clang::QualType ObjectType);
void diagRespecializedBodyFails(clang::Sema &S, clang::SourceLocation Loc,
                                clang::SourceRange Range,
                                const clang::NamedDecl *Written,
                                const clang::NamedDecl *ForCopies);
void diagMissingHeader(clang::Sema &S, clang::SourceLocation Loc);
void diagBuiltin(clang::Sema &S, clang::SourceLocation Loc,
                 clang::SourceRange Range, const clang::NamedDecl *Builtin);
void diagImmediateFunction(clang::Sema &S, clang::SourceLocation Loc,
                           clang::SourceRange Range,
                           const clang::NamedDecl *Callee);
void diagOnDeclaration(clang::Sema &S, clang::SourceLocation Loc);
void diagDuplicate(clang::Sema &S, clang::SourceLocation Loc,
                   clang::SourceLocation Previous);
void diagQualifiedVirtual(clang::Sema &S, clang::SourceLocation Loc,
                          const clang::NamedDecl *Method);
void diagNotLowered(clang::Sema &S, clang::SourceLocation Loc,
                    clang::SourceRange Range);

} // namespace gort::plugin
