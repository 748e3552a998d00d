#include "GoUseListener.h"

#include "clang/AST/Decl.h"

using namespace clang;

namespace gort::plugin {

// Functions only: their bodies hold statements. (An instantiated
// variable's initializer is reported by VariableDefinitionInstantiated; a
// non-template variable is a top-level declaration.)
void GoUseListener::DeclarationMarkedUsed(const Decl *D) {
  if (isa<FunctionDecl>(D))
    Pending.push_back(D);
}

void GoUseListener::CompletedImplicitDefinition(const FunctionDecl *D) {
  Pending.push_back(D);
}

void GoUseListener::FunctionDefinitionInstantiated(const FunctionDecl *D) {
  Pending.push_back(D);
}

void GoUseListener::VariableDefinitionInstantiated(const VarDecl *D) {
  Pending.push_back(D);
}

void GoUseListener::DefaultArgumentInstantiated(const ParmVarDecl *D) {
  Pending.push_back(D);
}

void GoUseListener::DefaultMemberInitializerInstantiated(const FieldDecl *D) {
  Pending.push_back(D);
}

} // namespace gort::plugin
