// gort-dyn-release: frees the heap blocks that split-stack code gets for
// dynamic allocas (alloca, VLAs) when the frame or scope that asked for them
// ends. docs/design/stacks.md, "Dynamic stack allocation".
#ifndef GORT_PLUGIN_DYN_BLOCK_RELEASE_H
#define GORT_PLUGIN_DYN_BLOCK_RELEASE_H

#include "llvm/IR/PassManager.h"

namespace gort_passes {

struct DynBlockReleasePass : llvm::PassInfoMixin<DynBlockReleasePass> {
  llvm::PreservedAnalyses run(llvm::Module& M, llvm::ModuleAnalysisManager&);
};

}  // namespace gort_passes

#endif
