// gort_loop_poll: an LLVM pass plugin (clang -fpass-plugin=, added by
// gort++) that puts a preemption poll on the back-edge of every loop that
// does not call split-stack code on every iteration. docs/design/preemption.md.
//
// A goroutine is preempted at its next split-stack prologue once sysmon has
// poisoned the thread's stack limit (%fs:0x70, its high half all ones). A
// hot loop that inlined everything, or calls only libc (non-split: no
// prologue check), never gets there; the poll is the same test:
//
//   latch:  ...                       cmpl $-1, %fs:0x74
//           %p = (%fs:0x74 == -1)     je   .Lpoll        (cold, out of line)
//           br %p, poll, cont         ...back-edge
//   poll:   call preserve_all @gort_preempt_poll()
//
// It runs at the end of the optimisation pipeline (OptimizerLast), after
// unrolling and vectorisation: the poll costs once per unrolled or vector
// iteration, and does not change what the vectoriser sees. preserve_all:
// the call clobbers nothing (but r11), so the loop's registers stay put.
//
// Opt-outs: `__attribute__((annotate("gort_nopreempt")))` (GORT_NOPREEMPT
// in <gort/runtime.hpp>) on a function: no polls in it; gort++
// --gort-no-loop-polls: not loaded for that translation unit.
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace {

constexpr const char* kOptOut = "gort_nopreempt";
constexpr const char* kPollFn = "gort_preempt_poll";
constexpr unsigned kFsAddrSpace = 257;     // x86: %fs-relative
constexpr std::uint64_t kLimitHighHalf = 0x74;  // %fs:0x70's high 32 bits

// Functions carrying __attribute__((annotate("gort_nopreempt"))).
SmallPtrSet<const Function*, 8> optedOut(Module& M) {
  SmallPtrSet<const Function*, 8> out;
  GlobalVariable* annotations = M.getGlobalVariable("llvm.global.annotations");
  if (!annotations || !annotations->hasInitializer()) return out;
  auto* list = dyn_cast<ConstantArray>(annotations->getInitializer());
  if (!list) return out;
  for (const Use& u : list->operands()) {
    auto* entry = dyn_cast<ConstantStruct>(u.get());
    if (!entry || entry->getNumOperands() < 2) continue;
    auto* fn = dyn_cast<Function>(entry->getOperand(0)->stripPointerCasts());
    auto* str = dyn_cast<GlobalVariable>(entry->getOperand(1)->stripPointerCasts());
    if (!fn || !str || !str->hasInitializer()) continue;
    auto* text = dyn_cast<ConstantDataSequential>(str->getInitializer());
    if (text && text->isCString() && text->getAsCString() == kOptOut)
      out.insert(fn);
  }
  return out;
}

// A call whose callee has a split-stack prologue: its check is a
// preemption point already (libc and other declarations may not have one).
bool callsSplitCode(const Instruction& I) {
  auto* call = dyn_cast<CallBase>(&I);
  if (!call || isa<IntrinsicInst>(call)) return false;
  const Function* callee = call->getCalledFunction();
  return callee && !callee->isDeclaration() &&
         callee->hasFnAttribute("split-stack");
}

// Does every iteration of L call split-stack code? (A block with such a
// call that dominates every latch runs once per iteration.)
bool everyIterationCallsSplitCode(const Loop& L, const DominatorTree& DT) {
  SmallVector<BasicBlock*, 4> latches;
  L.getLoopLatches(latches);
  for (BasicBlock* BB : L.blocks()) {
    bool calls = false;
    for (const Instruction& I : *BB)
      if (callsSplitCode(I)) { calls = true; break; }
    if (!calls) continue;
    bool dominatesAll = true;
    for (BasicBlock* latch : latches)
      if (!DT.dominates(BB, latch)) { dominatesAll = false; break; }
    if (dominatesAll) return true;
  }
  return false;
}

void insertPoll(BasicBlock* latch, FunctionCallee poll) {
  Instruction* term = latch->getTerminator();
  LLVMContext& C = latch->getContext();
  IRBuilder<> B(term);
  Type* i32 = B.getInt32Ty();
  Value* slot = ConstantExpr::getIntToPtr(
      B.getInt64(kLimitHighHalf), PointerType::get(C, kFsAddrSpace));
  // Volatile: nothing after us may hoist it out of the loop.
  LoadInst* high = B.CreateAlignedLoad(i32, slot, Align(4), /*isVolatile=*/true,
                                       "gort.limit.high");
  Value* poisoned = B.CreateICmpEQ(high, ConstantInt::getAllOnesValue(i32),
                                   "gort.preempt");
  MDNode* cold = MDBuilder(C).createBranchWeights(1, 1u << 20);
  Instruction* then = SplitBlockAndInsertIfThen(poisoned, term,
                                                /*Unreachable=*/false, cold);
  then->getParent()->setName("gort.poll");
  IRBuilder<> T(then);
  CallInst* call = T.CreateCall(poll);
  call->setCallingConv(CallingConv::PreserveAll);
  call->setDoesNotThrow();
}

struct LoopPollPass : PassInfoMixin<LoopPollPass> {
  PreservedAnalyses run(Module& M, ModuleAnalysisManager& MAM) {
    if (!Triple(M.getTargetTriple()).isX86_64())
      return PreservedAnalyses::all();
    SmallPtrSet<const Function*, 8> skip = optedOut(M);
    FunctionAnalysisManager& FAM =
        MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
    LLVMContext& C = M.getContext();
    FunctionCallee poll;
    bool changed = false;
    for (Function& F : M) {
      if (F.isDeclaration() || skip.contains(&F) ||
          F.hasFnAttribute(Attribute::Naked) || F.getName() == kPollFn)
        continue;
      LoopInfo& LI = FAM.getResult<LoopAnalysis>(F);
      if (LI.empty()) continue;
      DominatorTree& DT = FAM.getResult<DominatorTreeAnalysis>(F);
      SmallVector<BasicBlock*, 8> latches;
      for (Loop* L : LI.getLoopsInPreorder()) {
        if (everyIterationCallsSplitCode(*L, DT)) continue;
        L->getLoopLatches(latches);
      }
      if (latches.empty()) continue;
      if (!poll) {
        poll = M.getOrInsertFunction(kPollFn, Type::getVoidTy(C));
        if (auto* fn = dyn_cast<Function>(poll.getCallee())) {
          fn->setCallingConv(CallingConv::PreserveAll);
          fn->addFnAttr(Attribute::NoUnwind);
        }
      }
      SmallPtrSet<BasicBlock*, 8> done;
      for (BasicBlock* latch : latches)
        if (done.insert(latch).second) insertPoll(latch, poll);
      FAM.invalidate(F, PreservedAnalyses::none());
      changed = true;
    }
    return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
};

}  // namespace

extern "C" LLVM_ATTRIBUTE_WEAK __attribute__((visibility("default")))
PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "gort-loop-poll", "1",
          [](PassBuilder& PB) {
            PB.registerOptimizerLastEPCallback(
                [](ModulePassManager& MPM, OptimizationLevel,
                   ThinOrFullLTOPhase) { MPM.addPass(LoopPollPass()); });
            // opt -load-pass-plugin=... -passes=gort-loop-poll (tests).
            PB.registerPipelineParsingCallback(
                [](StringRef name, ModulePassManager& MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (name != "gort-loop-poll") return false;
                  MPM.addPass(LoopPollPass());
                  return true;
                });
          }};
}
