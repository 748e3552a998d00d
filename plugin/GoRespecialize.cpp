#include "GoRespecialize.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/TemplateDeduction.h"

using namespace clang;

namespace gort::plugin {
namespace {

// A parameter of the template's pattern, `cv T&`, `cv T&&` or a pack
// `Ts&&...`, with T a type parameter of the function template itself
// (depth Depth): the parameters whose deduction depends on the argument's
// value category or array-ness.
struct ReferenceToParam {
  bool Matches = false;
  bool Forwarding = false; // `T&&`, T cv-unqualified
};

ReferenceToParam referenceToTemplateParam(QualType P, unsigned Depth) {
  ReferenceToParam R;
  const auto *Ref = P->getAs<ReferenceType>();
  if (!Ref)
    return R;
  QualType Pointee = Ref->getPointeeTypeAsWritten();
  const auto *TTP = Pointee->getAs<TemplateTypeParmType>();
  if (!TTP || TTP->getDepth() != Depth)
    return R;
  R.Matches = true;
  R.Forwarding = isa<RValueReferenceType>(Ref) && !Pointee.hasQualifiers();
  return R;
}

// True when the specialization's parameter of type Spec, from the pattern
// parameter P, cannot bind the goroutine's copy: a forwarding reference
// deduced as an lvalue reference, or a reference deduced to an array.
bool bindsCallerObject(QualType P, QualType Spec, unsigned Depth) {
  ReferenceToParam R = referenceToTemplateParam(P, Depth);
  if (!R.Matches)
    return false;
  if (R.Forwarding && Spec->isLValueReferenceType())
    return true;
  return Spec.getNonReferenceType()->isArrayType();
}

bool needsRespecialization(FunctionDecl *FD, FunctionTemplateDecl *FTD) {
  FunctionDecl *Pattern = FTD->getTemplatedDecl();
  unsigned Depth = FTD->getTemplateParameters()->getDepth();
  unsigned Packs = 0;
  for (const ParmVarDecl *P : Pattern->parameters())
    Packs += P->isParameterPack();
  if (Packs > 1 || FD->getNumParams() + Packs < Pattern->getNumParams())
    return false;
  // A parameter pack stands for the specialization's parameters that the
  // other pattern parameters leave over.
  unsigned PackSize = FD->getNumParams() + Packs - Pattern->getNumParams();
  unsigned I = 0;
  for (const ParmVarDecl *P : Pattern->parameters()) {
    QualType PT = P->getType();
    unsigned Count = 1;
    if (const auto *PE = PT->getAs<PackExpansionType>()) {
      PT = PE->getPattern();
      Count = PackSize;
    }
    for (unsigned K = 0; K < Count; ++K, ++I)
      if (I < FD->getNumParams() &&
          bindsCallerObject(PT, FD->getParamDecl(I)->getType(), Depth))
        return true;
  }
  return false;
}

} // namespace

QualType decayedArgumentType(Sema &S, QualType T) {
  ASTContext &Ctx = S.Context;
  T = T.getNonReferenceType();
  if (T->isArrayType())
    return Ctx.getArrayDecayedType(T);
  if (T->isFunctionType())
    return Ctx.getPointerType(T);
  return T.getUnqualifiedType();
}

namespace {

// Instantiates Spec's definition now, with every diagnostic suppressed;
// false if that produced an error. (Sema would instantiate it at the end
// of the TU and report the errors inside the template, far from the
// statement that chose the specialization.)
bool bodyCompiles(Sema &S, FunctionDecl *Spec, SourceLocation Loc) {
  if (Spec->isDefined() || !Spec->isImplicitlyInstantiable())
    return !Spec->isInvalidDecl();
  DiagnosticsEngine &Diags = S.getDiagnostics();
  bool Suppressed = Diags.getSuppressAllDiagnostics();
  DiagnosticErrorTrap Trap(Diags);
  Diags.setSuppressAllDiagnostics(true);
  S.InstantiateFunctionDefinition(Loc, Spec, /*Recursive=*/false,
                                  /*DefinitionRequired=*/false,
                                  /*AtEndOfTU=*/false);
  Diags.setSuppressAllDiagnostics(Suppressed);
  return !Trap.hasErrorOccurred() && !Spec->isInvalidDecl();
}

} // namespace

FunctionDecl *respecializeForCopies(Sema &S, FunctionDecl *FD,
                                    ArrayRef<QualType> ArgTypes,
                                    TemplateArgumentListInfo *Explicit,
                                    SourceLocation Loc, bool *BodyFails) {
  *BodyFails = false;
  FunctionTemplateDecl *FTD = FD->getPrimaryTemplate();
  // A deduced `this Self&& self` keeps Sema's specialization: the object
  // parameter decides between sharing and copying the receiver.
  if (!FTD || FD->hasCXXExplicitFunctionObjectParameter() ||
      !needsRespecialization(FD, FTD))
    return nullptr;

  // Deduce as `gort::go(f, args...)` would if it could name the template:
  // from rvalues of the decayed types the goroutine holds.
  SmallVector<Expr *, 8> Args;
  for (QualType T : ArgTypes)
    Args.push_back(new (S.Context) OpaqueValueExpr(Loc, T, VK_XValue));
  sema::TemplateDeductionInfo Info(Loc);
  FunctionDecl *Spec = nullptr;
  TemplateDeductionResult Result = S.DeduceTemplateArguments(
      FTD, Explicit, Args, Spec, Info, /*PartialOverloading=*/false,
      /*AggregateDeductionCandidate=*/false, /*PartialOrdering=*/false,
      /*ObjectType=*/QualType(), Expr::Classification(),
      /*ForOverloadSetAddressResolution=*/false,
      // Non-dependent parameters keep the conversions Sema made for the
      // original call; nothing to check here.
      [](ArrayRef<QualType>, bool) { return false; });
  if (Result != TemplateDeductionResult::Success || !Spec || Spec == FD ||
      Spec->isInvalidDecl())
    return nullptr;
  // An `auto` return type is deduced from the body, as for any use.
  if (Spec->getReturnType()->isUndeducedType() &&
      S.DeduceReturnType(Spec, Loc, /*Diagnose=*/false))
    return nullptr;
  if (!bodyCompiles(S, Spec, Loc)) {
    *BodyFails = true;
    return Spec;
  }
  S.MarkFunctionReferenced(Loc, Spec);
  return Spec;
}

} // namespace gort::plugin
