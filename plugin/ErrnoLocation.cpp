// See ErrnoLocation.h.
#include "ErrnoLocation.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace gort::plugin {

namespace {

// glibc functions declared const (or pure) whose result is per thread.
// pthread_self is what std::this_thread::get_id() calls (libstdc++ calls
// it directly, not through a weak alias, on glibc 2.34 and later).
constexpr const char *PerThreadFunctions[] = {"__errno_location",
                                              "pthread_self"};

bool isPerThreadFunction(StringRef Name) {
  for (const char *F : PerThreadFunctions)
    if (Name == F)
      return true;
  return false;
}

} // namespace

void forgetErrnoLocationIsConst(Decl *D) {
  if (auto *LS = dyn_cast<LinkageSpecDecl>(D)) {  // extern "C" { ... }
    for (Decl *Sub : LS->decls())
      forgetErrnoLocationIsConst(Sub);
    return;
  }
  auto *FD = dyn_cast<FunctionDecl>(D);
  if (!FD || !FD->getIdentifier() || !isPerThreadFunction(FD->getName()) ||
      !FD->isExternC())
    return;
  for (FunctionDecl *Redecl : FD->redecls()) {
    Redecl->dropAttr<ConstAttr>();
    Redecl->dropAttr<PureAttr>();
  }
}

void forgetErrnoLocationIsConst(ASTContext &Ctx) {
  for (const char *F : PerThreadFunctions)
    for (NamedDecl *ND :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(F)))
      forgetErrnoLocationIsConst(ND);
}

} // namespace gort::plugin
