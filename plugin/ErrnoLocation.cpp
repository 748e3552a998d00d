// See ErrnoLocation.h.
#include "ErrnoLocation.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace gort::plugin {

void forgetErrnoLocationIsConst(Decl *D) {
  if (auto *LS = dyn_cast<LinkageSpecDecl>(D)) {  // extern "C" { ... }
    for (Decl *Sub : LS->decls())
      forgetErrnoLocationIsConst(Sub);
    return;
  }
  auto *FD = dyn_cast<FunctionDecl>(D);
  if (!FD || !FD->getIdentifier() || FD->getName() != "__errno_location" ||
      !FD->isExternC())
    return;
  for (FunctionDecl *Redecl : FD->redecls()) {
    Redecl->dropAttr<ConstAttr>();
    Redecl->dropAttr<PureAttr>();
  }
}

void forgetErrnoLocationIsConst(ASTContext &Ctx) {
  for (NamedDecl *ND : Ctx.getTranslationUnitDecl()->lookup(
           &Ctx.Idents.get("__errno_location")))
    forgetErrnoLocationIsConst(ND);
}

} // namespace gort::plugin
