// Lowering of `[[go]] CALL;` into `::gort::go(callee, args...)`.
//
// The call that Sema already built (overload resolution done, conversions
// and default arguments in place) is taken apart and its pieces are passed
// to gort::go, so nothing is looked up or resolved again (except a
// template specialization that cannot bind the goroutine's copies, which
// is deduced again: GoRespecialize.h):
//
//   [[go]] f(a, b);        ::gort::go(f, a', b')         a' = converted a
//   [[go]] obj.m(a);       ::gort::go(&C::m, &obj, a')   receiver by pointer
//   [[go]] p->m(a);        ::gort::go(&C::m, p, a')
//   [[go]] m(a);           ::gort::go(&C::m, this, a')
//   [[go]] make().m(a);    ::gort::go(&C::m, make(), a') temporary moved in
//   [[go]] (o.*pm)(a);     ::gort::go(pm, &o, a')
//   [[go]] [=]{ ... }();   ::gort::go([=]{ ... })        closure moved in
//   [[go]] fn(a);          ::gort::go(&F::operator(), fn, a')  fn copied
//   [[go]] r(a);           ::gort::go(r, a)   r a std::reference_wrapper
//
// Arguments are evaluated in the caller, with the conversions of the
// original call (so a `const char*` becomes the `std::string` parameter
// before the goroutine starts). An argument bound to a reference parameter
// is passed without its derived-to-base conversion, so the goroutine copies
// the whole object (no slicing), unless it is a std::reference_wrapper,
// which passes through (the goroutine shares the caller's object). A
// non-const lvalue reference parameter is an error otherwise. A default
// argument is evaluated in the caller too; one that converted a derived
// object to a base reference is cast back to the derived class. Everything else is gort::go's job: decay-copy, spawn,
// invoke.
#include "GoLowering.h"

#include "GoCallShape.h"
#include "GoDiagnosticStream.h"
#include "GoDiagnostics.h"
#include "GoRespecialize.h"
#include "GoState.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/TemplateBase.h"
#include "clang/Sema/DeclSpec.h"
#include "clang/Sema/EnterExpressionEvaluationContext.h"
#include "clang/Sema/Initialization.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace gort::plugin {
namespace {

NamespaceDecl *findGortNamespace(Sema &S, SourceLocation Loc) {
  ASTContext &Ctx = S.Context;
  LookupResult R(S, &Ctx.Idents.get("gort"), Loc, Sema::LookupNamespaceName);
  if (!S.LookupQualifiedName(R, Ctx.getTranslationUnitDecl()))
    return nullptr;
  return R.getAsSingle<NamespaceDecl>();
}

bool hasFunctionTemplate(const LookupResult &R) {
  for (NamedDecl *D : R)
    if (isa<FunctionTemplateDecl>(D->getUnderlyingDecl()))
      return true;
  return false;
}

// Qualified lookup of NS::<R's name>; true if it finds a function template.
bool lookupFunctionTemplate(Sema &S, NamespaceDecl *NS, LookupResult &R) {
  return S.LookupQualifiedName(R, NS) && hasFunctionTemplate(R);
}

// The function type a callee expression refers to, if any.
const FunctionProtoType *protoOf(QualType T) {
  if (const auto *P = T->getAs<PointerType>())
    T = P->getPointeeType();
  else if (const auto *R = T->getAs<ReferenceType>())
    T = R->getPointeeType();
  else if (const auto *M = T->getAs<MemberPointerType>())
    T = M->getPointeeType();
  return T->getAs<FunctionProtoType>();
}

// Strips the glvalue conversions Sema adds to bind a reference parameter
// (added const, derived-to-base): the goroutine must copy the whole object.
Expr *stripReferenceBinding(Expr *E) {
  while (auto *IC = dyn_cast<ImplicitCastExpr>(E)) {
    CastKind K = IC->getCastKind();
    if (!IC->isGLValue() ||
        (K != CK_NoOp && K != CK_DerivedToBase &&
         K != CK_UncheckedDerivedToBase))
      break;
    E = IC->getSubExpr();
  }
  return E;
}

// A default argument bound to a reference parameter keeps its conversions
// inside the CXXDefaultArgExpr (`const Base& b = Derived()`): there is no
// cast on the argument to strip. When the default argument converts a
// derived object to the parameter's base class, the CXXDefaultArgExpr is
// passed cast back to the derived class, with the same inheritance path, so
// gort::go copies the whole object, as for a written argument. (A virtual
// base cannot be cast back to: that default argument stays sliced.)
Expr *defaultArgumentObject(ASTContext &Ctx, CXXDefaultArgExpr *DA) {
  Expr *E = DA->getExpr();
  if (auto *FE = dyn_cast<FullExpr>(E))
    E = FE->getSubExpr();
  while (auto *IC = dyn_cast<ImplicitCastExpr>(E->IgnoreParens())) {
    if (!IC->isGLValue())
      break;
    CastKind K = IC->getCastKind();
    if (K == CK_NoOp) {
      E = IC->getSubExpr();
      continue;
    }
    if (K != CK_DerivedToBase && K != CK_UncheckedDerivedToBase)
      break;
    for (const CXXBaseSpecifier *B : IC->path())
      if (B->isVirtual())
        return DA;
    QualType Derived = IC->getSubExpr()->getType().getUnqualifiedType();
    if (!Derived->getAsCXXRecordDecl())
      break;
    CXXCastPath Path(IC->path_begin(), IC->path_end());
    return ImplicitCastExpr::Create(
        Ctx, Ctx.getQualifiedType(Derived, DA->getType().getQualifiers()),
        CK_BaseToDerived, DA, &Path, DA->getValueKind(), FPOptionsOverride());
  }
  return DA;
}

// True if E, bound to a reference, refers to a temporary (a materialized
// prvalue under its reference-binding conversions): `make().m()` on
// `m(this const C&)` must move the temporary in, not share it.
bool isTemporary(Expr *E) {
  E = stripReferenceBinding(E->IgnoreParens())->IgnoreParens();
  return isa<MaterializeTemporaryExpr>(E) || E->isPRValue();
}

// The object itself, without an added const or a materialized temporary:
// a prvalue (a lambda-expression, a temporary) is then moved into the
// goroutine and a named object is copied.
Expr *stripToObject(Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (auto *IC = dyn_cast<ImplicitCastExpr>(E);
        IC && IC->getCastKind() == CK_NoOp)
      E = IC->getSubExpr();
    else if (auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else
      return E;
  }
}

bool isStdReferenceWrapper(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == "reference_wrapper" &&
         RD->isInStdNamespace();
}

// `f({1, 2})` for `void f(Point)`: Sema initialized the parameter directly
// from the braced list, so the argument is an InitListExpr, which gort::go
// cannot deduce a type from (a braced list is a non-deduced context). It is
// passed as `Point{1, 2}`: the same list, already checked and converted,
// under the functional cast Sema builds for that source text. The object
// is still built in the caller, at the statement.
Expr *asTypedBracedList(ASTContext &Ctx, Expr *Arg) {
  auto *IL = dyn_cast<InitListExpr>(Arg->IgnoreParens());
  if (!IL)
    return Arg;
  QualType T = IL->getType().getUnqualifiedType();
  TypeSourceInfo *TSI = Ctx.getTrivialTypeSourceInfo(T, IL->getLBraceLoc());
  // An invalid left-paren location marks list-initialization, `T{...}`.
  return CXXFunctionalCastExpr::Create(Ctx, T, VK_PRValue, TSI, CK_NoOp, IL,
                                       /*Path=*/nullptr, FPOptionsOverride(),
                                       SourceLocation(), IL->getRBraceLoc());
}

// The element type if T (a reference or not) is std::initializer_list<E>.
QualType initializerListElement(Sema &S, QualType T) {
  QualType Element;
  if (S.isStdInitializerList(T.getNonReferenceType(), &Element))
    return Element;
  return QualType();
}

// `f(std::ref(x))` for `void f(int&)` (or `std::cref(x)` for `const
// int&`): Sema converted the reference_wrapper with its `operator T&`. Returns the reference_wrapper, which is passed
// to the goroutine instead (std::invoke converts it there).
Expr *referenceWrapperSource(Expr *Arg) {
  Expr *E = Arg;
  while (auto *IC = dyn_cast<ImplicitCastExpr>(E->IgnoreParens()))
    E = IC->getSubExpr();
  auto *MC = dyn_cast<CXXMemberCallExpr>(E->IgnoreParens());
  if (!MC || !isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
    return nullptr;
  Expr *Obj = MC->getImplicitObjectArgument();
  if (!Obj || !isStdReferenceWrapper(Obj->getType()))
    return nullptr;
  return stripToObject(Obj);
}

// A view parameter type: a class marked [[gsl::Pointer]] (by the user, or
// by Clang itself, which infers it for std::basic_string_view, std::span
// and the std containers' iterators), except std::reference_wrapper, which
// Clang also infers and which is how a user shares an object on purpose.
// A specialization inherits the attribute of its template's pattern.
bool isViewType(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || isStdReferenceWrapper(T))
    return false;
  if (RD->hasAttr<PointerAttr>())
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  return Spec &&
         Spec->getSpecializedTemplate()->getTemplatedDecl()->hasAttr<PointerAttr>();
}

// `show(s)` with `void show(std::string_view)`: the argument as written,
// before Sema's implicit conversion to the view (a converting constructor,
// `std::span<const int>(vector&&)`, or a conversion function, `string::
// operator string_view`), or nullptr when no implicit conversion made the
// view (the argument already is one, or the user spelled the view out:
// `std::string_view(s)`, which shares on purpose).
Expr *viewConversionSource(Expr *Arg) {
  Expr *E = Arg;
  while (true) {
    E = E->IgnoreParens();
    if (auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (auto *IC = dyn_cast<ImplicitCastExpr>(E);
             IC && (IC->getCastKind() == CK_NoOp ||
                    IC->getCastKind() == CK_ConstructorConversion ||
                    IC->getCastKind() == CK_UserDefinedConversion))
      E = IC->getSubExpr();
    else
      break;
  }
  if (auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    if (!isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
      return nullptr;
    return stripToObject(MC->getImplicitObjectArgument());
  }
  auto *CE = dyn_cast<CXXConstructExpr>(E);
  if (!CE || isa<CXXTemporaryObjectExpr>(CE) || CE->isListInitialization() ||
      CE->getNumArgs() == 0 || CE->getConstructor()->isCopyOrMoveConstructor())
    return nullptr;
  for (unsigned I = 1, N = CE->getNumArgs(); I < N; ++I)
    if (!isa<CXXDefaultArgExpr>(CE->getArg(I)))
      return nullptr;
  return stripToObject(CE->getArg(0));
}

class GoCallBuilder {
public:
  // Shape.Call is set: a NotACall shape is diagnosed before building.
  GoCallBuilder(Sema &S, const GoCallShape &Shape)
      : S(S), Ctx(S.Context), Shape(Shape), Call(Shape.Call),
        Loc(Call->getBeginLoc()) {}

  // The `::gort::go(...)` full-expression, or nullptr after an error.
  Expr *build();

private:
  bool collectFunction();
  bool collectMember();
  bool collectMemberPointer();
  bool collectFunctionObject();
  bool collectExplicitObjectMember(CXXMethodDecl *MD);
  Expr *stdReferenceTo(Expr *E, StringRef Name);
  Expr *callLookedUp(NamespaceDecl *NS, LookupResult &R,
                     MutableArrayRef<Expr *> Args, SourceLocation RParen);
  FunctionDecl *respecialize(FunctionDecl *FD, unsigned FirstArg,
                             TemplateArgumentListInfo *Explicit);
  Expr *functionPointerTo(FunctionDecl *FD, DeclRefExpr *Written);
  void collectArguments(unsigned FirstArg);
  Expr *passArgument(Expr *Arg, unsigned ParamIndex);
  Expr *passViewArgument(Expr *Arg, Expr *Source, unsigned ParamIndex,
                         const ParmVarDecl *Param, QualType ParamType);
  Expr *memberPointerTo(CXXMethodDecl *MD);
  Expr *receiver(Expr *Base, bool IsArrow);
  Expr *withoutNoReturn(Expr *Callee);
  Expr *buildGoCall();

  Sema &S;
  ASTContext &Ctx;
  const GoCallShape &Shape;
  CallExpr *Call;
  SourceLocation Loc;
  // Parameters of the called function, for the reference checks.
  const FunctionDecl *CalleeDecl = nullptr;
  const FunctionProtoType *CalleeProto = nullptr;
  SmallVector<Expr *, 8> GoArgs;
  bool Failed = false;
};

Expr *GoCallBuilder::build() {
  // Sema already evaluated a consteval call (it is a ConstantExpr); only its
  // value remains. Building &f here would bypass Sema's check that an
  // immediate function's address does not escape, and fail at link time.
  if (const FunctionDecl *FD = Call->getDirectCallee();
      FD && FD->isImmediateFunction()) {
    diagImmediateFunction(S, Loc, Call->getSourceRange(), FD);
    return nullptr;
  }
  bool Ok = false;
  switch (Shape.Kind) {
  case GoCallKind::Function:
    Ok = collectFunction();
    break;
  case GoCallKind::Member:
    Ok = collectMember();
    break;
  case GoCallKind::MemberPointer:
    Ok = collectMemberPointer();
    break;
  case GoCallKind::FunctionObject:
    Ok = collectFunctionObject();
    break;
  case GoCallKind::NotACall: // diagnosed by lowerGoStatement
    return nullptr;
  case GoCallKind::Builtin:
    diagBuiltin(S, Loc, Call->getSourceRange(), Call->getDirectCallee());
    return nullptr;
  case GoCallKind::Dependent:
    return nullptr;
  }
  if (!Ok || Failed)
    return nullptr;
  return buildGoCall();
}

// f(a): the callee expression is already a function pointer prvalue
// (`f` after function-to-pointer decay, or a function pointer variable).
bool GoCallBuilder::collectFunction() {
  CalleeDecl = Call->getDirectCallee();
  // `obj.m(a)` on an explicit object member function: Sema's plain call
  // names m directly. Through a pointer, `(&C::m)(obj, a)` stays a plain
  // function call: its object is an ordinary argument.
  if (auto *MD = dyn_cast_or_null<CXXMethodDecl>(
          const_cast<FunctionDecl *>(CalleeDecl));
      MD && MD->isExplicitObjectMemberFunction() &&
      isa<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
    return collectExplicitObjectMember(MD);
  CalleeProto = protoOf(Call->getCallee()->getType());
  Expr *Callee = Call->getCallee();
  auto *Written = dyn_cast<DeclRefExpr>(Callee->IgnoreParenImpCasts());
  if (auto *FD = dyn_cast_or_null<FunctionDecl>(
          Written ? Written->getDecl() : nullptr)) {
    TemplateArgumentListInfo Explicit;
    if (Written->hasExplicitTemplateArgs())
      Written->copyTemplateArgumentsInto(Explicit);
    if (FunctionDecl *Spec = respecialize(
            FD, 0, Written->hasExplicitTemplateArgs() ? &Explicit : nullptr)) {
      if (Expr *Ref = functionPointerTo(Spec, Written)) {
        Callee = Ref;
        CalleeDecl = Spec;
        CalleeProto = Spec->getType()->getAs<FunctionProtoType>();
      }
    }
  }
  GoArgs.push_back(Callee);
  collectArguments(0);
  return true;
}

// The specialization of FD's template that the goroutine calls with its
// copies of the arguments (Call's arguments from FirstArg on): see
// GoRespecialize.h. nullptr keeps FD; nullptr and Failed when the body of
// the goroutine's specialization does not compile (reported here, at the
// statement).
FunctionDecl *GoCallBuilder::respecialize(FunctionDecl *FD, unsigned FirstArg,
                                          TemplateArgumentListInfo *Explicit) {
  if (!FD->getPrimaryTemplate())
    return nullptr;
  SmallVector<QualType, 8> ArgTypes;
  for (unsigned I = FirstArg, N = Call->getNumArgs(); I < N; ++I) {
    Expr *Arg = Call->getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg)) // not deduced from, as in Sema
      break;
    ArgTypes.push_back(
        decayedArgumentType(S, stripReferenceBinding(Arg)->getType()));
  }
  bool BodyFails = false;
  FunctionDecl *Spec =
      respecializeForCopies(S, FD, ArgTypes, Explicit, Loc, &BodyFails);
  if (BodyFails) {
    diagRespecializedBodyFails(S, Loc, Call->getSourceRange(), FD, Spec);
    Failed = true;
    return nullptr;
  }
  return Spec;
}

// `ns::f<int>` for the specialization FD, decayed to a pointer as Sema
// does for a written callee; Written is the callee as written (its
// qualifier is kept). The template arguments are spelled out so that
// -ast-print shows which specialization the goroutine calls.
Expr *GoCallBuilder::functionPointerTo(FunctionDecl *FD, DeclRefExpr *Written) {
  TemplateArgumentListInfo Args(Loc, Loc);
  auto Add = [&](const TemplateArgument &A) {
    Args.addArgument(S.getTrivialTemplateArgumentLoc(A, QualType(), Loc));
  };
  for (const TemplateArgument &A :
       FD->getTemplateSpecializationArgs()->asArray()) {
    if (A.getKind() == TemplateArgument::Pack)
      llvm::for_each(A.pack_elements(), Add);
    else
      Add(A);
  }
  DeclarationNameInfo Name(FD->getDeclName(), Loc);
  DeclRefExpr *Ref =
      S.BuildDeclRefExpr(FD, FD->getType(), VK_LValue, Name,
                         Written->getQualifierLoc(), /*FoundD=*/nullptr,
                         /*TemplateKWLoc=*/SourceLocation(), &Args);
  ExprResult Ptr = S.ImpCastExprToType(Ref, Ctx.getPointerType(FD->getType()),
                                       CK_FunctionToPointerDecay);
  return Ptr.isInvalid() ? nullptr : Ptr.get();
}

// obj.m(a) on a C++23 explicit object member function `m(this Self s, A
// a)`: Sema made it a plain call of m with the object as argument 0, and
// &C::m is a plain function pointer. The object parameter decides the
// receiver, as in Go: by value (a value receiver) the object is copied at
// the statement; by lvalue reference (a pointer receiver) the goroutine
// shares the named object, passed as std::ref / std::cref; a temporary
// receiver is moved in.
bool GoCallBuilder::collectExplicitObjectMember(CXXMethodDecl *MD) {
  CalleeDecl = MD;
  CalleeProto = protoOf(Call->getCallee()->getType());
  Expr *Fn = memberPointerTo(MD); // a plain function pointer here
  GoArgs.push_back(Fn ? Fn : Call->getCallee());
  if (Call->getNumArgs() == 0 || MD->getNumParams() == 0)
    return false;
  QualType SelfType = MD->getParamDecl(0)->getType();
  Expr *Self = Call->getArg(0);
  if (SelfType->isLValueReferenceType() && !isTemporary(Self)) {
    // Shared: the reference keeps its conversions (a derived object bound
    // to `this const Base&` is converted here, in the caller's context).
    bool Const = SelfType.getNonReferenceType().isConstQualified();
    Expr *Ref = stdReferenceTo(Self, Const ? "cref" : "ref");
    if (!Ref)
      return false;
    GoArgs.push_back(Ref);
  } else {
    GoArgs.push_back(passArgument(Self, 0));
  }
  for (unsigned I = 1, N = Call->getNumArgs(); I < N; ++I)
    GoArgs.push_back(passArgument(Call->getArg(I), I));
  return true;
}

// ::std::ref(E) or ::std::cref(E) (<functional> comes with <gort/go.hpp>).
Expr *GoCallBuilder::stdReferenceTo(Expr *E, StringRef Name) {
  NamespaceDecl *Std = S.getStdNamespace();
  LookupResult R(S, &Ctx.Idents.get(Name), Loc, Sema::LookupOrdinaryName);
  if (!Std || !lookupFunctionTemplate(S, Std, R))
    return nullptr;
  Expr *Args[] = {E};
  return callLookedUp(Std, R, Args, Loc);
}

// ::NS::f(Args...) for the function template f that R found in NS
// (deduction happens here, as for the source text); null after an error.
Expr *GoCallBuilder::callLookedUp(NamespaceDecl *NS, LookupResult &R,
                                  MutableArrayRef<Expr *> Args,
                                  SourceLocation RParen) {
  CXXScopeSpec SS;
  SS.MakeGlobal(Ctx, Loc);
  SS.Extend(Ctx, NS, Loc, Loc);
  ExprResult Fn = S.BuildDeclarationNameExpr(SS, R, /*NeedsADL=*/false);
  if (Fn.isInvalid())
    return nullptr;
  ExprResult Result =
      S.BuildCallExpr(/*Scope=*/nullptr, Fn.get(), Loc, Args, RParen);
  return Result.isInvalid() ? nullptr : Result.get();
}

// obj.m(a), p->m(a), m(a): &C::m and the receiver.
bool GoCallBuilder::collectMember() {
  auto *MC = cast<CXXMemberCallExpr>(Call);
  auto *ME = cast<MemberExpr>(MC->getCallee()->IgnoreParens());
  auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
  if (!MD)
    return false;
  // `obj.Base::m()` calls Base::m even if m is virtual; &Base::m would
  // dispatch virtually, so the call cannot be expressed as gort::go.
  if (ME->hasQualifier() && MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
      !MD->getParent()->hasAttr<FinalAttr>()) {
    diagQualifiedVirtual(S, Loc, MD);
    return false;
  }
  if (MD->isExplicitObjectMemberFunction())
    return false; // Sema builds those as plain calls (collectFunction)
  TemplateArgumentListInfo Explicit;
  if (ME->hasExplicitTemplateArgs())
    ME->copyTemplateArgumentsInto(Explicit);
  if (auto *Spec = cast_or_null<CXXMethodDecl>(respecialize(
          MD, 0, ME->hasExplicitTemplateArgs() ? &Explicit : nullptr)))
    MD = Spec;
  CalleeDecl = MD;
  Expr *PMF = memberPointerTo(MD);
  Expr *Recv = receiver(ME->getBase(), ME->isArrow());
  if (!PMF || !Recv)
    return false;
  GoArgs.push_back(PMF);
  GoArgs.push_back(Recv);
  collectArguments(0);
  return true;
}

// (obj.*pm)(a), (ptr->*pm)(a): the member pointer and the receiver.
bool GoCallBuilder::collectMemberPointer() {
  auto *BO = cast<BinaryOperator>(Call->getCallee()->IgnoreParens());
  CalleeProto = protoOf(BO->getRHS()->getType());
  Expr *Recv = receiver(BO->getLHS(), BO->getOpcode() == BO_PtrMemI);
  if (!Recv)
    return false;
  GoArgs.push_back(BO->getRHS());
  GoArgs.push_back(Recv);
  collectArguments(0);
  return true;
}

// fn(a) through operator(): argument 0 of the CXXOperatorCallExpr is the
// object. A non-generic lambda is passed as itself (its operator() cannot
// be overloaded, so std::invoke finds the same one), and so is a
// std::reference_wrapper (see below); any other function object as
// &F::operator() plus the object, so that the operator() chosen by
// overload resolution is the one called.
bool GoCallBuilder::collectFunctionObject() {
  auto *Op = cast<CXXOperatorCallExpr>(Call);
  auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
  if (!MD || Op->getNumArgs() == 0)
    return false;
  if (MD->isExplicitObjectMemberFunction()) // operator()(this Self s, ...)
    return collectExplicitObjectMember(MD);
  // A generic lambda, or a functor's operator() template (a
  // reference_wrapper's forwards: it is passed whole, below).
  if (!isStdReferenceWrapper(Op->getArg(0)->getType()))
    if (auto *Spec =
            cast_or_null<CXXMethodDecl>(respecialize(MD, 1, nullptr)))
      MD = Spec;
  CalleeDecl = MD;
  Expr *Obj = stripToObject(Op->getArg(0));
  if (MD->isStatic()) {
    // C++23 static operator(): a plain function; the object is not needed.
    GoArgs.push_back(S.BuildDeclRefExpr(MD, MD->getType(), VK_LValue,
                                        Op->getBeginLoc()));
  } else if (MD->getParent()->isLambda() &&
             !MD->getParent()->isGenericLambda()) {
    GoArgs.push_back(Obj);
  } else if (isStdReferenceWrapper(Obj->getType())) {
    // std::invoke unwraps a reference_wrapper object for a member pointer,
    // so &reference_wrapper::operator() cannot be called through it. The
    // wrapper is passed as the callable (a copy refers to the same object,
    // as with std::thread(r, a)); its operator() forwards its arguments,
    // which are converted in the goroutine, so they are only decay-copied.
    GoArgs.push_back(Obj);
    for (unsigned I = 1, N = Call->getNumArgs(); I < N; ++I)
      GoArgs.push_back(stripReferenceBinding(Call->getArg(I)));
    return true;
  } else {
    // A function object is copied; one seen through an abstract base
    // cannot be (gort::go's static_assert would only say "neither
    // copyable nor movable").
    if (const auto *RD = Obj->getType()->getAsCXXRecordDecl();
        RD && RD->hasDefinition() && RD->isAbstract()) {
      diagAbstractFunctionObject(S, Obj, Obj->getType());
      return false;
    }
    Expr *PMF = memberPointerTo(MD);
    if (!PMF)
      return false;
    GoArgs.push_back(PMF);
    GoArgs.push_back(Obj);
  }
  collectArguments(1);
  return true;
}

void GoCallBuilder::collectArguments(unsigned FirstArg) {
  for (unsigned I = FirstArg, N = Call->getNumArgs(); I < N; ++I)
    GoArgs.push_back(passArgument(Call->getArg(I), I - FirstArg));
}

Expr *GoCallBuilder::passArgument(Expr *Arg, unsigned ParamIndex) {
  QualType ParamType;
  const ParmVarDecl *Param = nullptr;
  if (CalleeDecl && ParamIndex < CalleeDecl->getNumParams()) {
    Param = CalleeDecl->getParamDecl(ParamIndex);
    ParamType = Param->getType();
  } else if (CalleeProto && ParamIndex < CalleeProto->getNumParams()) {
    ParamType = CalleeProto->getParamType(ParamIndex);
  }
  if (ParamType.isNull()) // a C variadic argument
    return Arg;
  if (QualType Element = initializerListElement(S, ParamType);
      !Element.isNull()) {
    diagInitializerListParam(S, Arg, ParamIndex, Param, ParamType, Element);
    Failed = true;
    return Arg;
  }
  // std::ref(x) / std::cref(x) to a reference parameter: the wrapper is
  // passed and converts in the goroutine, which then refers to the
  // caller's x (as with gort::go(f, std::cref(x)) and std::thread), also
  // for a const reference, where converting here would copy x.
  if (ParamType->isReferenceType())
    if (Expr *Wrapper = referenceWrapperSource(Arg))
      return Wrapper;
  if (isViewType(ParamType))
    if (Expr *Source = viewConversionSource(Arg))
      return passViewArgument(Arg, Source, ParamIndex, Param, ParamType);
  if (ParamType->isLValueReferenceType() &&
      !ParamType.getNonReferenceType().isConstQualified()) {
    diagNonConstLValueRefParam(S, Arg, ParamIndex, Param, ParamType);
    Failed = true;
    return Arg;
  }
  // `const volatile T&` cannot bind the goroutine's copy (an rvalue).
  if (ParamType->isLValueReferenceType() &&
      ParamType.getNonReferenceType().isVolatileQualified()) {
    diagVolatileRefParam(S, Arg, ParamIndex, Param, ParamType);
    Failed = true;
    return Arg;
  }
  if (ParamType->isReferenceType()) {
    if (auto *DA = dyn_cast<CXXDefaultArgExpr>(Arg))
      return defaultArgumentObject(Ctx, DA);
    Expr *Object = stripReferenceBinding(Arg);
    // `void draw(const Shape&)` given a `const Shape&` whose class is
    // abstract: the goroutine's copy would have to be a Shape.
    if (const auto *RD = Object->getType()->getAsCXXRecordDecl();
        RD && RD->hasDefinition() && RD->isAbstract()) {
      diagAbstractArgument(S, Arg, ParamIndex, Param, ParamType,
                           Object->getType());
      Failed = true;
      return Arg;
    }
    return Object;
  }
  return asTypedBracedList(Ctx, Arg);
}

// A view parameter (isViewType) whose view Sema made from Source: a view
// made here would refer into the caller's object (a temporary destroyed at
// the end of the statement, or a named object the caller changes), so the
// goroutine gets a decayed copy of Source and makes the view itself, as
// with gort::go(f, source) and std::thread. docs/guide.md, "Goroutines".
Expr *GoCallBuilder::passViewArgument(Expr *Arg, Expr *Source,
                                      unsigned ParamIndex,
                                      const ParmVarDecl *Param,
                                      QualType ParamType) {
  // std::ref(x) converted to a view: shared on purpose (and the goroutine
  // could not convert the wrapper: two user-defined conversions).
  if (referenceWrapperSource(Source))
    return Arg;
  QualType Copy = decayedArgumentType(S, Source->getType());
  auto *Held = new (Ctx) OpaqueValueExpr(Source->getExprLoc(), Copy, VK_XValue);
  InitializedEntity Entity = InitializedEntity::InitializeParameter(
      Ctx, ParamType, /*Consumed=*/false);
  if (!S.CanPerformCopyInitialization(Entity, Held)) {
    diagViewFromCopy(S, Arg, ParamIndex, Param, ParamType, Copy);
    Failed = true;
    return Arg;
  }
  return Source;
}

// &C::m, built as Sema builds it for the source text (a qualified
// DeclRefExpr to the chosen method under a builtin unary &): a member
// pointer, or a plain function pointer for an explicit object member
// function (whose name is an lvalue, like a static member's).
Expr *GoCallBuilder::memberPointerTo(CXXMethodDecl *MD) {
  QualType ClassType = Ctx.getCanonicalTagType(MD->getParent());
  TypeSourceInfo *TSI = Ctx.getTrivialTypeSourceInfo(ClassType, Loc);
  CXXScopeSpec SS;
  SS.Make(Ctx, TSI->getTypeLoc(), Loc);
  DeclarationNameInfo Name(MD->getDeclName(), Loc);
  ExprValueKind VK =
      MD->isExplicitObjectMemberFunction() ? VK_LValue : VK_PRValue;
  DeclRefExpr *Ref = S.BuildDeclRefExpr(MD, MD->getType(), VK, Name, &SS);
  ExprResult Addr = S.CreateBuiltinUnaryOp(Loc, UO_AddrOf, Ref);
  return Addr.isInvalid() ? nullptr : Addr.get();
}

// The receiver of a member call: a pointer when the object is named (it is
// shared, as in Go's method value on a pointer receiver), the object itself
// when it is a temporary or an xvalue (moved into the goroutine).
Expr *GoCallBuilder::receiver(Expr *Base, bool IsArrow) {
  if (IsArrow || !Base->isLValue())
    return Base;
  ExprResult Addr = S.CreateBuiltinUnaryOp(Loc, UO_AddrOf, Base);
  return Addr.isInvalid() ? nullptr : Addr.get();
}

// `__attribute__((noreturn))` (BOOST_NORETURN) is part of Clang's function
// type but not of its mangling: gort::go<void (*)(int) noreturn> and
// gort::go<void (*)(int)>, one spawn of each, would be two specializations
// with one mangled name ("definition with same mangled name", at no user
// location). The callee is passed as the plain function (or member)
// pointer, a function pointer conversion: the goroutine never returns
// either way.
Expr *GoCallBuilder::withoutNoReturn(Expr *Callee) {
  QualType T = Callee->getType();
  auto Plain = [&](QualType Fn) -> QualType {
    const auto *FT = Fn->getAs<FunctionType>();
    if (!FT || !FT->getNoReturnAttr())
      return QualType();
    return QualType(
        Ctx.adjustFunctionType(FT, FT->getExtInfo().withNoReturn(false)), 0);
  };
  QualType To;
  if (const auto *P = T->getAs<PointerType>()) {
    if (QualType Fn = Plain(P->getPointeeType()); !Fn.isNull())
      To = Ctx.getPointerType(Fn);
  } else if (const auto *M = T->getAs<MemberPointerType>()) {
    if (QualType Fn = Plain(M->getPointeeType()); !Fn.isNull())
      To = Ctx.getMemberPointerType(Fn, M->getQualifier(),
                                    M->getMostRecentCXXRecordDecl());
  }
  if (To.isNull())
    return Callee;
  ExprResult Cast = S.ImpCastExprToType(Callee, To, CK_NoOp);
  return Cast.isInvalid() ? Callee : Cast.get();
}

Expr *GoCallBuilder::buildGoCall() {
  if (!GoArgs.empty())
    GoArgs[0] = withoutNoReturn(GoArgs[0]);
  NamespaceDecl *NS = findGortNamespace(S, Loc);
  LookupResult R(S, &Ctx.Idents.get("go"), Loc, Sema::LookupOrdinaryName);
  if (!NS || !lookupFunctionTemplate(S, NS, R)) {
    diagMissingHeader(S, Loc);
    return nullptr;
  }
  // Sema reports why, if the call cannot be built.
  Expr *GoCall = callLookedUp(NS, R, GoArgs, Call->getRParenLoc());
  if (!GoCall)
    return nullptr;
  // The reused arguments keep the temporaries of the original statement:
  // the new full-expression needs the same cleanups.
  if (ExprWithCleanups *Old = Shape.Cleanups) {
    S.Cleanup.setExprNeedsCleanups(Old->cleanupsHaveSideEffects());
    for (ExprWithCleanups::CleanupObject O : Old->getObjects())
      S.ExprCleanupObjects.push_back(O);
  }
  ExprResult Full = S.ActOnFinishFullExpr(GoCall, Loc,
                                          /*DiscardedValue=*/true);
  return Full.isInvalid() ? nullptr : Full.get();
}

} // namespace

bool lookupGortGo(Sema &S, SourceLocation Loc) {
  NamespaceDecl *NS = findGortNamespace(S, Loc);
  LookupResult R(S, &S.Context.Idents.get("go"), Loc,
                 Sema::LookupOrdinaryName);
  return NS && lookupFunctionTemplate(S, NS, R);
}

bool isGoStatement(const AttributedStmt *AS) {
  for (const Attr *A : AS->getAttrs())
    if (const auto *Ann = dyn_cast<AnnotateAttr>(A);
        Ann && Ann->getAnnotation() == kGoMarker)
      return true;
  return false;
}

void lowerGoStatement(Sema &S, AttributedStmt *AS, DeclContext *DC) {
  Stmt *Sub = AS->getSubStmt();
  if (!Sub)
    return;
  // Reports belong to the statement: sorted with the parse-time ones, and
  // an error silences -Wunused-value at it (GoDiagnosticStream.h).
  GoDiagnosticStream::StatementScope Scope(GoState::get().Stream,
                                           AS->getSourceRange(), AS);
  if (auto *E = dyn_cast<Expr>(Sub); E && E->containsErrors())
    return;
  GoCallShape Shape = classifyGoStatement(Sub);
  // A dependent call can instantiate to something else than a call (a
  // macro, a fold, a functional cast): diagnosed here, per instantiation.
  if (Shape.Kind == GoCallKind::NotACall || !Shape.Call) {
    diagNotACall(S, Sub->getBeginLoc(), Sub->getSourceRange(), Shape.Reason);
    return;
  }
  if (isCallToGortGo(Shape.Call))
    return; // already lowered
  // Only a template pattern holds a dependent call; its instantiations are
  // lowered on their own.
  if (Shape.Kind == GoCallKind::Dependent)
    return;

  // HandleTopLevelDecl may run in the middle of parsing another function
  // (an instantiation done on the spot): build in DC's context, in a fresh
  // function scope and expression-evaluation context, and restore Sema's
  // state afterwards.
  unsigned ErrorsBefore = S.getDiagnostics().getNumErrors();
  Sema::ContextRAII SavedContext(S, DC);
  S.PushFunctionScope();
  Expr *Lowered = nullptr;
  {
    EnterExpressionEvaluationContext Evaluated(
        S, Sema::ExpressionEvaluationContext::PotentiallyEvaluated);
    Lowered = GoCallBuilder(S, Shape).build();
  }
  S.PopFunctionScopeInfo();
  if (Lowered) {
    *AS->child_begin() = Lowered; // AttributedStmt has no setSubStmt
    return;
  }
  // Never leave a [[go]] call silently serial: if no error explains why it
  // was not lowered, report one.
  if (S.getDiagnostics().getNumErrors() == ErrorsBefore)
    diagNotLowered(S, Sub->getBeginLoc(), Sub->getSourceRange());
}

} // namespace gort::plugin
