// gort_loop_poll: an LLVM pass plugin (clang -fpass-plugin=, added by
// gort++) that puts a preemption poll on the back-edge of every loop that
// does not call split-stack code on every iteration. docs/design/preemption.md.
//
// A goroutine is preempted at its next split-stack prologue once sysmon has
// poisoned the thread's stack limit (%fs:0x70, its high half 0x7fffffff). A
// hot loop that inlined everything, or calls only libc (non-split: no
// prologue check), never gets there; the poll is the same test:
//
//   header: every 128th iteration (a count down in a register):
//           %p = (%fs:0x74 == 0x7fffffff)  cmpl $0x7fffffff, %fs:0x74
//           br %p, poll, body         je   .Lpoll        (cold, out of line)
//   poll:   call preserve_all @gort_preempt_poll()
//
// It runs at the end of the optimisation pipeline (OptimizerLast), after
// unrolling and vectorisation: the poll costs once per unrolled or vector
// iteration, and does not change what the vectoriser sees. preserve_all:
// the call clobbers nothing (but r11), so the loop's registers stay put.
//
// Opt-outs: `__attribute__((annotate("gort_nopreempt")))` (GORT_NOPREEMPT
// in <gort/runtime.hpp>) on a function: no polls in it; gort++
// --gort-no-loop-polls (-mllvm -gort-loop-polls=0): none in that
// translation unit. The plugin also runs gort-dyn-release
// (DynBlockRelease.cpp), which that option does not turn off.
#include "DynBlockRelease.h"

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
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace {

cl::opt<bool> LoopPollsEnabled(
    "gort-loop-polls", cl::init(true),
    cl::desc("gort: preemption polls on loop back-edges (gort++ "
             "--gort-no-loop-polls sets it to false)"));

constexpr const char* kOptOut = "gort_nopreempt";
constexpr const char* kPollFn = "gort_preempt_poll";
constexpr unsigned kFsAddrSpace = 257;     // x86: %fs-relative
constexpr std::uint64_t kLimitHighHalf = 0x74;  // %fs:0x70's high 32 bits
// The poison's high half (runtime/src/stack/limit_poison.hpp).
constexpr std::uint32_t kPoisonHigh = 0x7fffffff;

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

// Iterations between two looks at the limit. Looking costs a load (from
// %fs), a compare and a branch: in a tight vectorised reduction that was
// 1.6x (int_sum, bench/gort/loop_tax.cpp); the count costs a decrement and
// a fused branch, and a loop iteration without calls is short, so 128 of
// them still end well within microseconds of sysmon's request.
constexpr std::uint32_t kEvery = 128;

// At the top of the loop header, before the body, so the body stays one
// block (at the latch, codegen sank the body's last instructions past the
// check and the split loop needed register copies every iteration):
//
//   header: %ctr = phi [kEvery, outside], [%next, latches]
//           %dec = %ctr - 1;  br (%dec == 0), check, body     (1 : 127)
//   check:  br (%fs:0x74 == 0x7fffffff), poll, body            (cold)
//   poll:   call preserve_all @gort_preempt_poll(); br body
//   body:   %next = phi [%dec, header], [kEvery, check], [kEvery, poll]
//           ...the loop's own code
void insertPoll(Loop& L, FunctionCallee poll) {
  BasicBlock* header = L.getHeader();
  LLVMContext& C = header->getContext();
  Function* F = header->getParent();
  Type* i32 = Type::getInt32Ty(C);
  BasicBlock* body =
      SplitBlock(header, header->getFirstNonPHIOrDbgOrLifetime());
  BasicBlock* check = BasicBlock::Create(C, "gort.poll.check", F, body);
  BasicBlock* call = BasicBlock::Create(C, "gort.poll", F, body);
  Constant* every = ConstantInt::get(i32, kEvery);
  MDBuilder md(C);

  PHINode* ctr = PHINode::Create(i32, 2, "gort.poll.ctr");
  ctr->insertBefore(header->begin());
  header->getTerminator()->eraseFromParent();
  IRBuilder<> B(header);
  Value* dec = B.CreateSub(ctr, ConstantInt::get(i32, 1), "gort.poll.dec");
  B.CreateCondBr(B.CreateICmpEQ(dec, ConstantInt::get(i32, 0)), check, body,
                 md.createBranchWeights(1, kEvery - 1));

  B.SetInsertPoint(check);
  Value* slot = ConstantExpr::getIntToPtr(B.getInt64(kLimitHighHalf),
                                          PointerType::get(C, kFsAddrSpace));
  // Atomic (relaxed): codegen may not hoist it out of the loop.
  LoadInst* high = B.CreateAlignedLoad(i32, slot, Align(4), "gort.limit.high");
  high->setAtomic(AtomicOrdering::Monotonic);
  // Not for the sanitizers (TSan would pass the %fs-relative address to
  // __tsan_atomic32_load as a plain pointer).
  high->setMetadata(LLVMContext::MD_nosanitize, MDNode::get(C, {}));
  B.CreateCondBr(B.CreateICmpEQ(high, ConstantInt::get(i32, kPoisonHigh)), call,
                 body, md.createBranchWeights(1, 1u << 20));

  B.SetInsertPoint(call);
  CallInst* c = B.CreateCall(poll);
  c->setCallingConv(CallingConv::PreserveAll);
  c->setDoesNotThrow();
  B.CreateBr(body);

  PHINode* next = PHINode::Create(i32, 3, "gort.poll.next");
  next->insertBefore(body->begin());
  next->addIncoming(dec, header);
  next->addIncoming(every, check);
  next->addIncoming(every, call);
  // The back-edges (now from `body` where the header was its own latch)
  // carry the count; entries into the loop start it afresh.
  for (BasicBlock* pred : predecessors(header))
    ctr->addIncoming(pred == body || L.contains(pred) ? static_cast<Value*>(next)
                                                     : every,
                     pred);
}

struct LoopPollPass : PassInfoMixin<LoopPollPass> {
  PreservedAnalyses run(Module& M, ModuleAnalysisManager& MAM) {
    if (!LoopPollsEnabled || !Triple(M.getTargetTriple()).isX86_64())
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
      // Outer loops first: splitting an outer header never changes an inner
      // loop's blocks (see insertPoll).
      SmallVector<Loop*, 8> loops;
      for (Loop* L : LI.getLoopsInPreorder())
        if (!L->getHeader()->isEHPad() && !everyIterationCallsSplitCode(*L, DT))
          loops.push_back(L);
      if (loops.empty()) continue;
      if (!poll) {
        poll = M.getOrInsertFunction(kPollFn, Type::getVoidTy(C));
        if (auto* fn = dyn_cast<Function>(poll.getCallee())) {
          fn->setCallingConv(CallingConv::PreserveAll);
          fn->addFnAttr(Attribute::NoUnwind);
        }
      }
      for (Loop* L : loops) insertPoll(*L, poll);
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
                   ThinOrFullLTOPhase) {
                  // Before the polls, so they see the final loop bodies.
                  MPM.addPass(gort_passes::DynBlockReleasePass());
                  MPM.addPass(LoopPollPass());
                });
            // opt -load-pass-plugin=... -passes=gort-loop-poll (tests).
            PB.registerPipelineParsingCallback(
                [](StringRef name, ModulePassManager& MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (name == "gort-loop-poll") {
                    MPM.addPass(LoopPollPass());
                    return true;
                  }
                  if (name == "gort-dyn-release") {
                    MPM.addPass(gort_passes::DynBlockReleasePass());
                    return true;
                  }
                  return false;
                });
          }};
}
