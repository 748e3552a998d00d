#include "GoDiagnostics.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace gort::plugin {
namespace {

// getCustomDiagID interns (level, text): asking again returns the same ID.
template <size_t N>
unsigned error(Sema &S, const char (&Text)[N]) {
  return S.getDiagnostics().getCustomDiagID(DiagnosticsEngine::Error, Text);
}
template <size_t N>
unsigned note(Sema &S, const char (&Text)[N]) {
  return S.getDiagnostics().getCustomDiagID(DiagnosticsEngine::Note, Text);
}

} // namespace

void diagNotACall(Sema &S, SourceLocation Loc, SourceRange Range,
                  NotACallReason Reason) {
  S.Diag(Loc, error(S, "expression in [[go]] must be a function call"))
      << Range;
  switch (Reason) {
  case NotACallReason::NotAnExpression:
    S.Diag(Loc, note(S, "[[go]] applies to an expression statement that "
                        "calls a function"));
    break;
  case NotACallReason::OverloadedOperator:
    S.Diag(Loc, note(S, "an overloaded operator is not spawned as a call"));
    break;
  case NotACallReason::Destructor:
    S.Diag(Loc, note(S, "a destructor call cannot run in a goroutine"));
    break;
  case NotACallReason::NotACallExpression:
  case NotACallReason::Unsupported:
    break;
  }
  S.Diag(Loc, note(S, "to run other code in a goroutine, call a lambda: "
                      "[[go]] [=] { ... }();"));
}

void diagNonConstLValueRefParam(Sema &S, const Expr *Arg, unsigned ParamIndex,
                                const NamedDecl *Param, QualType ParamType) {
  SourceRange R = Arg->getSourceRange();
  if (Param && Param->getDeclName())
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot pass an argument to the non-const lvalue "
                    "reference parameter %0 of type %1: every argument is "
                    "copied into the goroutine"))
        << Param << ParamType << R;
  else
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot pass an argument to the non-const lvalue "
                    "reference parameter #%0 of type %1: every argument is "
                    "copied into the goroutine"))
        << ParamIndex + 1 << ParamType << R;

  unsigned Note = note(S, "pass std::ref(...) to share the caller's object "
                          "with the goroutine, or pass a pointer");
  SourceManager &SM = S.getSourceManager();
  SourceLocation Begin = R.getBegin(), End = R.getEnd();
  if (Begin.isFileID() && End.isFileID()) {
    SourceLocation After =
        Lexer::getLocForEndOfToken(End, 0, SM, S.getLangOpts());
    S.Diag(Begin, Note) << FixItHint::CreateInsertion(Begin, "std::ref(")
                        << FixItHint::CreateInsertion(After, ")");
  } else {
    S.Diag(Begin, Note);
  }
}

// A std::initializer_list only points at its backing array, which lives
// until the end of the caller's statement: the goroutine would read a dead
// array. No copy of the list can own the elements, so this is an error.
void diagInitializerListParam(Sema &S, const Expr *Arg, unsigned ParamIndex,
                              const NamedDecl *Param, QualType ParamType,
                              QualType ElementType) {
  SourceRange R = Arg->getSourceRange();
  if (Param && Param->getDeclName())
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot pass an argument to the "
                    "std::initializer_list parameter %0 of type %1: the "
                    "list's elements belong to the caller's statement and "
                    "are gone when the goroutine reads them"))
        << Param << ParamType << R;
  else
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot pass an argument to the "
                    "std::initializer_list parameter #%0 of type %1: the "
                    "list's elements belong to the caller's statement and "
                    "are gone when the goroutine reads them"))
        << ParamIndex + 1 << ParamType << R;
  S.Diag(R.getBegin(),
         note(S, "take a container that owns its elements, such as "
                 "std::vector<%0>, or build the list inside the goroutine, "
                 "in a lambda's body"))
      << ElementType.getAsString(S.getPrintingPolicy()); // unquoted
}

// A view parameter gets the goroutine's own copy of the argument, converted
// in the goroutine (a view made in the caller would dangle or share). Some
// views cannot be made from an rvalue copy (std::span<int> from a
// std::vector<int>&&): the user must say that the view is meant to share.
void diagViewFromCopy(Sema &S, const Expr *Arg, unsigned ParamIndex,
                      const NamedDecl *Param, QualType ParamType,
                      QualType CopyType) {
  SourceRange R = Arg->getSourceRange();
  if (Param && Param->getDeclName())
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot pass this argument to the view parameter "
                    "%0 of type %1: the goroutine gets its own copy of the "
                    "argument (of type %2) and cannot make the view from it"))
        << Param << ParamType << CopyType << R;
  else
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot pass this argument to the view parameter "
                    "#%0 of type %1: the goroutine gets its own copy of the "
                    "argument (of type %2) and cannot make the view from it"))
        << ParamIndex + 1 << ParamType << CopyType << R;
  S.Diag(R.getBegin(),
         note(S, "to let the goroutine view the caller's object, make the "
                 "view at the statement: %0(...); the object must then "
                 "outlive the goroutine's use"))
      << ParamType.getNonReferenceType().getUnqualifiedType().getAsString(
             S.getPrintingPolicy());
}

namespace {
// `std::cref(` ... `)` around Arg, when Arg is written in the main text
// (not in a macro expansion).
void noteWrapIn(Sema &S, const Expr *Arg, unsigned Note, const char *Open) {
  SourceRange R = Arg->getSourceRange();
  SourceLocation Begin = R.getBegin(), End = R.getEnd();
  if (Begin.isFileID() && End.isFileID()) {
    SourceLocation After = Lexer::getLocForEndOfToken(
        End, 0, S.getSourceManager(), S.getLangOpts());
    S.Diag(Begin, Note) << FixItHint::CreateInsertion(Begin, Open)
                        << FixItHint::CreateInsertion(After, ")");
  } else {
    S.Diag(Begin, Note);
  }
}
} // namespace

// The goroutine's copy is an rvalue, which a `const volatile T&` cannot
// bind (gort::go's static_assert would only say "cannot be called").
void diagVolatileRefParam(Sema &S, const Expr *Arg, unsigned ParamIndex,
                          const NamedDecl *Param, QualType ParamType) {
  SourceRange R = Arg->getSourceRange();
  if (Param && Param->getDeclName())
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot pass an argument to the volatile "
                    "reference parameter %0 of type %1: it cannot bind the "
                    "goroutine's copy of the argument"))
        << Param << ParamType << R;
  else
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot pass an argument to the volatile "
                    "reference parameter #%0 of type %1: it cannot bind the "
                    "goroutine's copy of the argument"))
        << ParamIndex + 1 << ParamType << R;
  noteWrapIn(S, Arg,
             note(S, "pass std::ref(...) to let the goroutine refer to the "
                     "caller's object, or take the parameter by value"),
             "std::ref(");
}

// `void draw(const Shape&)` given an object whose static type is an
// abstract class: the goroutine copies every argument, and no Shape can be
// made (gort::go's static_assert would only say "neither copyable nor
// movable").
void diagAbstractArgument(Sema &S, const Expr *Arg, unsigned ParamIndex,
                          const NamedDecl *Param, QualType ParamType,
                          QualType ArgType) {
  SourceRange R = Arg->getSourceRange();
  if (Param && Param->getDeclName())
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot copy this argument of the abstract class "
                    "type %0 into the goroutine (for the parameter %1 of "
                    "type %2): every argument is copied, and the object's "
                    "complete type is not known here"))
        << ArgType.getUnqualifiedType() << Param << ParamType << R;
  else
    S.Diag(R.getBegin(),
           error(S, "[[go]] cannot copy this argument of the abstract class "
                    "type %0 into the goroutine (for the parameter #%1 of "
                    "type %2): every argument is copied, and the object's "
                    "complete type is not known here"))
        << ArgType.getUnqualifiedType() << ParamIndex + 1 << ParamType << R;
  noteWrapIn(S, Arg,
             note(S, "pass std::cref(...) to share the caller's object with "
                     "the goroutine (it must outlive the call), or pass the "
                     "derived object itself"),
             "std::cref(");
}

// `[[go]] f(1);` with `const AbsFn& f`: a function object is copied into
// the goroutine, and an abstract class has no copies.
void diagAbstractFunctionObject(Sema &S, const Expr *Object,
                                QualType ObjectType) {
  SourceRange R = Object->getSourceRange();
  S.Diag(R.getBegin(),
         error(S, "[[go]] cannot copy the function object of the abstract "
                  "class type %0 into the goroutine: a call through a "
                  "function object copies it"))
      << ObjectType.getUnqualifiedType() << R;
  S.Diag(R.getBegin(),
         note(S, "to share the caller's object, call its member "
                 "operator() instead: [[go]] f.operator()(...); (the "
                 "object must outlive the call), or call through a lambda"));
}

void diagRespecializedBodyFails(Sema &S, SourceLocation Loc, SourceRange Range,
                                const NamedDecl *Written,
                                const NamedDecl *ForCopies) {
  S.Diag(Loc, error(S, "[[go]] cannot call %0 with the goroutine's copies of "
                       "the arguments: the copies are decayed rvalues, and "
                       "the body of %1 does not compile"))
      << Written << ForCopies << Range;
  S.Diag(Loc, note(S, "pass arguments whose copies keep their types (a "
                      "std::string instead of a string literal, for "
                      "example), or call it from a lambda, which keeps the "
                      "call as written: [[go]] [=] { ... }();"));
}

void diagMissingHeader(Sema &S, SourceLocation Loc) {
  S.Diag(Loc, error(S, "[[go]] needs <gort/gort.hpp>: ::gort::go is not "
                       "declared here"));
  SourceManager &SM = S.getSourceManager();
  FileID File = SM.getFileID(SM.getExpansionLoc(Loc));
  S.Diag(Loc, note(S, "include <gort/gort.hpp> at the top of the file"))
      << FixItHint::CreateInsertion(SM.getLocForStartOfFile(File),
                                    "#include <gort/gort.hpp>\n");
}

void diagBuiltin(Sema &S, SourceLocation Loc, SourceRange Range,
                 const NamedDecl *Builtin) {
  S.Diag(Loc, error(S, "[[go]] cannot spawn a call to the builtin %0: a "
                       "builtin has no address"))
      << Builtin << Range;
  S.Diag(Loc, note(S, "call a lambda instead: [[go]] [=] { ... }();"));
}

// A consteval (or immediate-escalated) function exists only at compile
// time: no code is emitted for it, so a pointer to it would be an
// undefined reference at link time.
void diagImmediateFunction(Sema &S, SourceLocation Loc, SourceRange Range,
                           const NamedDecl *Callee) {
  S.Diag(Loc, error(S, "[[go]] cannot spawn a call to the consteval function "
                       "%0: it is evaluated at compile time and has no "
                       "address to call in a goroutine"))
      << Callee << Range;
  S.Diag(Loc, note(S, "evaluate it in the caller, or call it from a lambda: "
                      "[[go]] [=] { ... }();"));
}

void diagOnDeclaration(Sema &S, SourceLocation Loc) {
  S.Diag(Loc, error(S, "[[go]] applies to a function call statement, not to "
                       "a declaration"));
}

void diagDuplicate(Sema &S, SourceLocation Loc, SourceLocation Previous) {
  S.Diag(Loc, error(S, "[[go]] appears more than once on the same "
                       "statement"));
  S.Diag(Previous, note(S, "first [[go]] is here"));
}

void diagQualifiedVirtual(Sema &S, SourceLocation Loc, const NamedDecl *M) {
  S.Diag(Loc, error(S, "[[go]] cannot spawn the qualified, non-virtual call "
                       "of the virtual function %0"))
      << M;
  S.Diag(Loc, note(S, "call a lambda instead: [[go]] [=] { ... }();"));
}

void diagNotLowered(Sema &S, SourceLocation Loc, SourceRange Range) {
  S.Diag(Loc, error(S, "[[go]] cannot spawn this call")) << Range;
  S.Diag(Loc, note(S, "call a lambda instead: [[go]] [=] { ... }();"));
}

} // namespace gort::plugin
