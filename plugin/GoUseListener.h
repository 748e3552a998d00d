// The declarations whose code CodeGen may emit without ever seeing them in
// HandleTopLevelDecl: a lambda in a default member initializer of a class
// template, in a static data member or variable template's initializer, in
// a default argument, in a decltype or a template argument; implicitly
// defined members; the instantiated initializers themselves.
//
// CodeGen emits a function body only for a declaration it is handed, or,
// lazily, for one that emitted code references: and every such reference
// marks the declaration used (Decl::markUsed), which Sema reports to the
// AST mutation listener. Sema also reports each instantiated variable
// definition, default argument and default member initializer. The
// listener records them all; the consumer walks what was recorded at the
// start of each of its callbacks, and the MultiplexConsumer calls it
// before CodeGen's for the same callback, so every `[[go]]` is lowered
// before CodeGen can emit its statement (docs/design/plugin.md, "Where
// statements are found").
#pragma once

#include "clang/AST/ASTMutationListener.h"

#include <vector>

namespace gort::plugin {

class GoUseListener : public clang::ASTMutationListener {
public:
  explicit GoUseListener(std::vector<const clang::Decl *> &Pending)
      : Pending(Pending) {}

  void DeclarationMarkedUsed(const clang::Decl *D) override;
  void CompletedImplicitDefinition(const clang::FunctionDecl *D) override;
  void FunctionDefinitionInstantiated(const clang::FunctionDecl *D) override;
  void VariableDefinitionInstantiated(const clang::VarDecl *D) override;
  void DefaultArgumentInstantiated(const clang::ParmVarDecl *D) override;
  void
  DefaultMemberInitializerInstantiated(const clang::FieldDecl *D) override;

private:
  std::vector<const clang::Decl *> &Pending;
};

} // namespace gort::plugin
