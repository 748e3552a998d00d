// gort_loop_poll: an LLVM pass plugin (clang -fpass-plugin=, added by
// gort++) that puts a preemption poll on the back-edge of every loop that
// does not call split-stack code on every iteration. docs/design/preemption.md.
//
// A goroutine is preempted at its next split-stack prologue once sysmon has
// poisoned the thread's stack limit (%fs:0x70, its high half 0x7fffffff). A
// hot loop that inlined everything, or calls only libc (non-split: no
// prologue check), never gets there; the poll is the same test:
//
//   every N iterations (N from the size of the body, see pollInterval):
//   between chunks of a counted loop (stripMine), else at a count down in
//   a register at the top of the header (insertPoll; every iteration for
//   a loop with loops inside):
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

#include <algorithm>
#include <cstdint>

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
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
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

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

// How often to look at the limit. Looking costs a load (from %fs), a
// compare and a branch; counting down to it costs a decrement and a fused
// branch per iteration; strip-mining (below) costs nothing per iteration.
// What costs in both is the branch at the end of a count or chunk: taken
// once in N, the predictor misses it every time (~16 cycles on this
// Zen 3). With a fixed N = 128 that was 1.07x in byte_scan (~1.8 cycles an
// iteration, bench/gort/loop_tax.cpp), and it fell as 1/N (256: 1.03x,
// 1024: 1.00x; a count that never ran out: 1.00x). So N is sized to the
// body: the loop's IR instructions times N ~ kInstrsBetweenPolls, so even
// the tightest loop pays one miss per several thousand cycles, and a big
// body is looked at every iteration or so. Latency stays far inside
// sysmon's 10 ms slice: 64k instructions are ~30 us at one per cycle, and
// kMaxEvery bounds a small loop that runs slowly (a cache miss an
// iteration: 4096 x 100 ns = 0.4 ms).
constexpr std::uint32_t kInstrsBetweenPolls = 65536;
constexpr std::uint32_t kMaxEvery = 4096;

// Iterations of L between two looks at the limit; 1 = every iteration.
// A loop with loops inside looks every iteration: each inner loop starts
// its own count afresh on entry and need not reach 0 before it exits, so an
// outer count would multiply (N outer x N inner iterations between
// looks); the look there is not taken, predicted, and paid once per run of
// the inner loops.
std::uint32_t pollInterval(const Loop& L) {
  if (!L.isInnermost()) return 1;
  std::uint32_t size = 0;
  for (const BasicBlock* BB : L.blocks()) size += BB->size();
  std::uint32_t every = kInstrsBetweenPolls / std::max<std::uint32_t>(size, 1);
  return std::clamp<std::uint32_t>(every, 1, kMaxEvery);
}

// Branches to `poll` when sysmon has poisoned the limit, else to `body`.
void emitLimitCheck(IRBuilder<>& B, BasicBlock* poll, BasicBlock* body) {
  LLVMContext& C = B.getContext();
  Value* slot = ConstantExpr::getIntToPtr(B.getInt64(kLimitHighHalf),
                                          PointerType::get(C, kFsAddrSpace));
  // Atomic (relaxed): codegen may not hoist it out of the loop.
  LoadInst* high = B.CreateAlignedLoad(B.getInt32Ty(), slot, Align(4),
                                       "gort.limit.high");
  high->setAtomic(AtomicOrdering::Monotonic);
  // Not for the sanitizers (TSan would pass the %fs-relative address to
  // __tsan_atomic32_load as a plain pointer).
  high->setMetadata(LLVMContext::MD_nosanitize, MDNode::get(C, {}));
  B.CreateCondBr(B.CreateICmpEQ(high, B.getInt32(kPoisonHigh)), poll, body,
                 MDBuilder(C).createBranchWeights(1, 1u << 20));
}

// At the top of the loop header, before the body, so the body stays one
// block (at the latch, codegen sank the body's last instructions past the
// check and the split loop needed register copies every iteration):
//
//   header: %ctr = phi [N, outside], [%next, latches]
//           %dec = %ctr - 1;  br (%dec == 0), check, body     (1 : N-1)
//   check:  br (%fs:0x74 == 0x7fffffff), poll, body            (cold)
//   poll:   call preserve_all @gort_preempt_poll(); br body
//   body:   %next = phi [%dec, header], [N, check], [N, poll]
//           ...the loop's own code
//
// With N = 1 (pollInterval) there is no count: the header is the check.
void insertPoll(Loop& L, FunctionCallee poll) {
  const std::uint32_t every = pollInterval(L);
  BasicBlock* header = L.getHeader();
  LLVMContext& C = header->getContext();
  Function* F = header->getParent();
  Type* i32 = Type::getInt32Ty(C);
  BasicBlock* body =
      SplitBlock(header, header->getFirstNonPHIOrDbgOrLifetime());
  BasicBlock* call = BasicBlock::Create(C, "gort.poll", F, body);
  IRBuilder<> B(call);
  CallInst* c = B.CreateCall(poll);
  c->setCallingConv(CallingConv::PreserveAll);
  c->setDoesNotThrow();
  B.CreateBr(body);

  header->getTerminator()->eraseFromParent();
  if (every == 1) {
    B.SetInsertPoint(header);
    emitLimitCheck(B, call, body);
    return;
  }

  BasicBlock* check = BasicBlock::Create(C, "gort.poll.check", F, call);
  Constant* reset = ConstantInt::get(i32, every);
  PHINode* ctr = PHINode::Create(i32, 2, "gort.poll.ctr");
  ctr->insertBefore(header->begin());
  B.SetInsertPoint(header);
  Value* dec = B.CreateSub(ctr, ConstantInt::get(i32, 1), "gort.poll.dec");
  B.CreateCondBr(B.CreateICmpEQ(dec, ConstantInt::get(i32, 0)), check, body,
                 MDBuilder(C).createBranchWeights(1, every - 1));
  B.SetInsertPoint(check);
  emitLimitCheck(B, call, body);

  PHINode* next = PHINode::Create(i32, 3, "gort.poll.next");
  next->insertBefore(body->begin());
  next->addIncoming(dec, header);
  next->addIncoming(reset, check);
  next->addIncoming(reset, call);
  // The back-edges (now from `body` where the header was its own latch)
  // carry the count; entries into the loop start it afresh.
  for (BasicBlock* pred : predecessors(header))
    ctr->addIncoming(pred == body || L.contains(pred) ? static_cast<Value*>(next)
                                                     : reset,
                     pred);
}

// A counted loop (the vectoriser's loops, the scalar ones it leaves) is
// strip-mined instead: its exit compare `iv == bound` becomes `iv == lim`,
// lim the end of the current chunk of N iterations, so an iteration costs
// nothing more than before (the count's decrement measured 1.16-1.26x in
// int_sum's vector loop, a dispatch-bound body of 12 ops, both copies'
// loops 64-byte aligned). At the end of a chunk the limit is looked at and
// lim moves on:
//
//   header: %lim = phi [lim(start), preheader], [%lim, latch], [%lim2, back]
//   latch:  ...  br (%iv == %lim), chunk, header
//   chunk:  %lim2 = lim(%lim + step);  br (%lim == bound), exit, check
//   check:  br (%fs:0x74 == 0x7fffffff), poll, back            (cold)
//   poll:   call preserve_all @gort_preempt_poll(); br back
//   back:   br header
//
//   lim(x) = distance(x, bound) > N*|step| ? x + N*step : bound
//
// Only where SCEV proves the exit is taken (exit count computable) and the
// compared IV does not wrap, so that the distance is exact and every chunk
// but the last is N iterations. Returns false (nothing changed) otherwise.
bool stripMine(Loop& L, ScalarEvolution& SE, FunctionCallee poll) {
  BasicBlock* header = L.getHeader();
  BasicBlock* latch = L.getLoopLatch();
  BasicBlock* preheader = L.getLoopPreheader();
  if (!L.isInnermost() || !latch || !preheader) return false;
  auto* br = dyn_cast<BranchInst>(latch->getTerminator());
  if (!br || !br->isConditional()) return false;
  auto* cmp = dyn_cast<ICmpInst>(br->getCondition());
  if (!cmp || !cmp->hasOneUse() || cmp->getParent() != latch) return false;
  const bool headerOnTrue = br->getSuccessor(0) == header;
  BasicBlock* exit = br->getSuccessor(headerOnTrue ? 1 : 0);
  if (br->getSuccessor(headerOnTrue ? 0 : 1) != header || L.contains(exit))
    return false;
  // The exit condition (the predicate under which the latch leaves).
  CmpInst::Predicate exitPred =
      headerOnTrue ? cmp->getInversePredicate() : cmp->getPredicate();
  if (exitPred != CmpInst::ICMP_EQ) return false;
  unsigned ivOp = L.isLoopInvariant(cmp->getOperand(1)) ? 0 : 1;
  Value* iv = cmp->getOperand(ivOp);
  Value* bound = cmp->getOperand(1 - ivOp);
  if (!L.isLoopInvariant(bound) || !iv->getType()->isIntegerTy()) return false;
  if (isa<SCEVCouldNotCompute>(SE.getExitCount(&L, latch))) return false;
  auto* ar = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(iv));
  if (!ar || ar->getLoop() != &L || !ar->isAffine()) return false;
  auto* stepC = dyn_cast<SCEVConstant>(ar->getStepRecurrence(SE));
  if (!stepC || stepC->getAPInt().isZero()) return false;
  const APInt step = stepC->getAPInt();
  const bool up = step.isStrictlyPositive();
  if (!(ar->hasNoSignedWrap() || (up && ar->hasNoUnsignedWrap())))
    return false;
  const std::uint32_t every = pollInterval(L);
  auto* ty = cast<IntegerType>(iv->getType());
  const unsigned bits = ty->getBitWidth();
  // N*|step| must fit: then x + N*step stays strictly inside (x, bound).
  bool overflow = false;
  APInt span = step.abs().umul_ov(APInt(bits, every), overflow);
  if (overflow || bits < 16) return false;

  LLVMContext& C = header->getContext();
  Function* F = header->getParent();
  auto limFor = [&](IRBuilder<>& B, Value* x) {
    Value* dist = up ? B.CreateSub(bound, x) : B.CreateSub(x, bound);
    Value* far = B.CreateICmpUGT(dist, ConstantInt::get(ty, span));
    return B.CreateSelect(far, B.CreateAdd(x, ConstantInt::get(ty, step * every)),
                          bound, "gort.strip.lim");
  };

  SCEVExpander expander(SE, "gort.strip");
  Value* start =
      expander.expandCodeFor(ar->getStart(), ty, preheader->getTerminator());
  IRBuilder<> B(preheader->getTerminator());
  Value* lim0 = limFor(B, start);

  BasicBlock* chunk = BasicBlock::Create(C, "gort.strip.chunk", F, exit);
  BasicBlock* check = BasicBlock::Create(C, "gort.poll.check", F, exit);
  BasicBlock* call = BasicBlock::Create(C, "gort.poll", F, exit);
  BasicBlock* back = BasicBlock::Create(C, "gort.strip.back", F, exit);

  PHINode* lim = PHINode::Create(ty, 3, "gort.strip.cur");
  lim->insertBefore(header->begin());
  // The latch leaves for `chunk` at the end of every chunk.
  cmp->setOperand(1 - ivOp, lim);
  br->setSuccessor(headerOnTrue ? 1 : 0, chunk);
  br->setMetadata(LLVMContext::MD_prof,
                  headerOnTrue ? MDBuilder(C).createBranchWeights(every - 1, 1)
                               : MDBuilder(C).createBranchWeights(1, every - 1));
  exit->replacePhiUsesWith(latch, chunk);

  B.SetInsertPoint(chunk);
  Value* next = limFor(B, B.CreateAdd(lim, ConstantInt::get(ty, step)));
  B.CreateCondBr(B.CreateICmpEQ(lim, bound), exit, check);
  B.SetInsertPoint(check);
  emitLimitCheck(B, call, back);
  B.SetInsertPoint(call);
  CallInst* c = B.CreateCall(poll);
  c->setCallingConv(CallingConv::PreserveAll);
  c->setDoesNotThrow();
  B.CreateBr(back);
  B.SetInsertPoint(back);
  B.CreateBr(header);

  // `back` is a second back-edge: the header's phis take what the latch gave.
  for (PHINode& phi : header->phis()) {
    if (&phi == lim) continue;
    phi.addIncoming(phi.getIncomingValueForBlock(latch), back);
  }
  for (BasicBlock* pred : predecessors(header)) {
    if (pred == back) continue;
    lim->addIncoming(pred == latch ? static_cast<Value*>(lim) : lim0, pred);
  }
  lim->addIncoming(next, back);
  return true;
}

// The loops of F that get a poll, outer loops first: splitting an outer
// header never changes an inner loop's blocks (see insertPoll).
SmallVector<Loop*, 8> loopsToPoll(Function& F, FunctionAnalysisManager& FAM) {
  SmallVector<Loop*, 8> loops;
  LoopInfo& LI = FAM.getResult<LoopAnalysis>(F);
  if (LI.empty()) return loops;
  DominatorTree& DT = FAM.getResult<DominatorTreeAnalysis>(F);
  for (Loop* L : LI.getLoopsInPreorder())
    if (!L->getHeader()->isEHPad() && !everyIterationCallsSplitCode(*L, DT))
      loops.push_back(L);
  return loops;
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
      SmallVector<Loop*, 8> loops = loopsToPoll(F, FAM);
      if (loops.empty()) continue;
      if (!poll) {
        poll = M.getOrInsertFunction(kPollFn, Type::getVoidTy(C));
        if (auto* fn = dyn_cast<Function>(poll.getCallee())) {
          fn->setCallingConv(CallingConv::PreserveAll);
          fn->addFnAttr(Attribute::NoUnwind);
        }
      }
      // Counted innermost loops first, with analyses of the unchanged
      // function; then, with fresh ones, a count in every other loop.
      ScalarEvolution& SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
      SmallPtrSet<const BasicBlock*, 8> stripMined;
      for (Loop* L : loops)
        if (stripMine(*L, SE, poll)) {
          stripMined.insert(L->getHeader());
          SE.forgetLoop(L);
        }
      if (!stripMined.empty()) {
        FAM.invalidate(F, PreservedAnalyses::none());
        loops = loopsToPoll(F, FAM);
      }
      for (Loop* L : loops)
        if (!stripMined.contains(L->getHeader())) insertPoll(*L, poll);
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
