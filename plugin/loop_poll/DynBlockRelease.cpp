// gort-dyn-release: in split-stack code, a dynamic alloca (alloca(n), a VLA)
// that does not fit above the stack limit gets a malloc'd block from the
// runtime (__morestack_allocate_stack_space), chained LIFO on the goroutine
// (or thread). The runtime alone cannot tell when a block dies (two calls
// of one function from one loop run at the same stack pointer), so this
// pass tells it, in every split-stack function that has a dynamic alloca:
//
//   entry:          %mark = call ptr @gort_dyn_mark()    ; the list's head
//   before ret/resume:  call void @gort_dyn_release(ptr %mark)
//   after %s = llvm.stacksave:       %m = call ptr @gort_dyn_mark()
//   after llvm.stackrestore(%s):     call void @gort_dyn_release(ptr %m)
//
// release frees the blocks newer than the mark: allocations nest with
// frames, so they belong to this frame (or scope) or to callees that have
// returned. The stacksave/stackrestore pairs are VLA scopes (a VLA in a
// loop body) and the inliner's wrapping of an inlined callee's dynamic
// allocas; a restore whose save cannot be traced (through phis, selects and
// the -O0 spill slot clang keeps the saved pointer in) gets no release: its
// blocks wait for the function's return. Releasing less is always safe;
// releasing a live block would be wrong code.
//
// Functions without dynamic allocas are left untouched (no code change, no
// cost). Runs at OptimizerLast, after inlining, before the loop polls.
// docs/design/stacks.md, "Dynamic stack allocation".
#include "DynBlockRelease.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace gort_passes {
namespace {

constexpr const char* kMarkFn = "gort_dyn_mark";
constexpr const char* kReleaseFn = "gort_dyn_release";

bool isIntrinsic(const Value* V, Intrinsic::ID id) {
  auto* II = dyn_cast<IntrinsicInst>(V);
  return II && II->getIntrinsicID() == id;
}

bool hasDynamicAlloca(const Function& F) {
  for (const Instruction& I : instructions(F))
    if (auto* A = dyn_cast<AllocaInst>(&I); A && !A->isStaticAlloca())
      return true;
  return false;
}

// A static alloca holding only stack pointers saved by llvm.stacksave
// (clang's "saved_stack" at -O0): loaded, stored into, lifetime-marked,
// never escaping.
bool isSaveSlotUse(const User* U, const AllocaInst* slot) {
  if (auto* L = dyn_cast<LoadInst>(U)) return L->getPointerOperand() == slot;
  if (auto* S = dyn_cast<StoreInst>(U))
    return S->getPointerOperand() == slot && S->getValueOperand() != slot;
  return isIntrinsic(U, Intrinsic::lifetime_start) ||
         isIntrinsic(U, Intrinsic::lifetime_end);
}

class FrameInstrumenter {
 public:
  FrameInstrumenter(Function& F, FunctionCallee mark, FunctionCallee release)
      : F(F), Mark(mark), Release(release) {}

  void run() {
    BasicBlock& entry = F.getEntryBlock();
    BasicBlock::iterator at = entry.getFirstInsertionPt();
    while (at != entry.end() && isa<AllocaInst>(*at) &&
           cast<AllocaInst>(*at).isStaticAlloca())
      ++at;
    IRBuilder<> B(&entry, at);
    EntryMark = B.CreateCall(Mark, {}, "gort.dyn.mark");

    SmallVector<Instruction*, 8> exits, saves, restores;
    for (Instruction& I : instructions(F)) {
      if (isa<ReturnInst>(I) || isa<ResumeInst>(I)) exits.push_back(&I);
      else if (isIntrinsic(&I, Intrinsic::stacksave)) saves.push_back(&I);
      else if (isIntrinsic(&I, Intrinsic::stackrestore)) restores.push_back(&I);
    }
    for (Instruction* S : saves) {
      IRBuilder<> SB(S->getNextNode());
      SB.SetCurrentDebugLocation(S->getDebugLoc());
      Marks[S] = SB.CreateCall(Mark, {}, "gort.dyn.scope");
    }
    for (Instruction* R : restores) {
      Value* saved = cast<CallBase>(R)->getArgOperand(0);
      SmallPtrSet<const Value*, 8> visiting;
      if (!traceable(saved, visiting)) continue;
      Value* m = markOf(saved);
      IRBuilder<> RB(R->getNextNode());
      RB.SetCurrentDebugLocation(R->getDebugLoc());
      RB.CreateCall(Release, {m});
    }
    for (Instruction* X : exits) {
      // A musttail call must stay right before its ret: release before it
      // (its arguments cannot point into this frame).
      Instruction* before = X;
      if (auto* C = dyn_cast_or_null<CallInst>(X->getPrevNode());
          C && C->isMustTailCall())
        before = C;
      IRBuilder<> XB(before);
      XB.SetCurrentDebugLocation(X->getDebugLoc());
      XB.CreateCall(Release, {EntryMark});
    }
  }

 private:
  // Can the mark taken at the stacksave that produced `V` be followed to
  // here? (No IR is changed until the answer is yes.)
  bool traceable(const Value* V, SmallPtrSet<const Value*, 8>& visiting) {
    if (isIntrinsic(V, Intrinsic::stacksave)) return true;
    if (!visiting.insert(V).second) return true;  // a cycle of phis
    if (auto* P = dyn_cast<PHINode>(V)) {
      for (const Value* in : P->incoming_values())
        if (!traceable(in, visiting)) return false;
      return true;
    }
    if (auto* S = dyn_cast<SelectInst>(V))
      return traceable(S->getTrueValue(), visiting) &&
             traceable(S->getFalseValue(), visiting);
    if (auto* L = dyn_cast<LoadInst>(V)) {
      auto* slot = dyn_cast<AllocaInst>(L->getPointerOperand());
      if (!slot || !slot->isStaticAlloca() || L->isVolatile()) return false;
      if (!visiting.insert(slot).second) return true;
      for (const User* U : slot->users()) {
        if (!isSaveSlotUse(U, slot)) return false;
        if (auto* St = dyn_cast<StoreInst>(U))
          if (St->isVolatile() || !traceable(St->getValueOperand(), visiting))
            return false;
      }
      return true;
    }
    return false;
  }

  // The mark paired with the saved stack pointer `V` (traceable(V)).
  Value* markOf(Value* V) {
    if (auto it = Marks.find(V); it != Marks.end()) return it->second;
    if (auto* P = dyn_cast<PHINode>(V)) {
      PHINode* m = PHINode::Create(EntryMark->getType(), P->getNumIncomingValues(),
                                   "gort.dyn.scope");
      m->insertBefore(P->getParent()->begin());
      Marks[P] = m;
      for (unsigned i = 0; i < P->getNumIncomingValues(); ++i)
        m->addIncoming(markOf(P->getIncomingValue(i)), P->getIncomingBlock(i));
      return m;
    }
    if (auto* S = dyn_cast<SelectInst>(V)) {
      Value* t = markOf(S->getTrueValue());
      Value* f = markOf(S->getFalseValue());
      IRBuilder<> B(S->getNextNode());
      return Marks[S] = B.CreateSelect(S->getCondition(), t, f, "gort.dyn.scope");
    }
    auto* L = cast<LoadInst>(V);
    AllocaInst* markSlot = markSlotFor(cast<AllocaInst>(L->getPointerOperand()));
    if (auto it = Marks.find(L); it != Marks.end()) return it->second;
    IRBuilder<> B(L->getNextNode());
    return Marks[L] = B.CreateLoad(EntryMark->getType(), markSlot, "gort.dyn.scope");
  }

  // A slot beside `slot` holding the mark of the saved pointer it holds:
  // every store into `slot` also stores the mark (initially the entry's).
  AllocaInst* markSlotFor(AllocaInst* slot) {
    if (auto it = MarkSlots.find(slot); it != MarkSlots.end()) return it->second;
    Type* ptr = EntryMark->getType();
    auto* markSlot = new AllocaInst(ptr, slot->getAddressSpace(), "gort.dyn.slot",
                                    F.getEntryBlock().begin());
    MarkSlots[slot] = markSlot;
    IRBuilder<> B(EntryMark->getNextNode());
    B.CreateStore(EntryMark, markSlot);
    SmallVector<StoreInst*, 4> stores;
    for (User* U : slot->users())
      if (auto* St = dyn_cast<StoreInst>(U)) stores.push_back(St);
    for (StoreInst* St : stores) {
      Value* m = markOf(St->getValueOperand());
      IRBuilder<> SB(St->getNextNode());
      SB.CreateStore(m, markSlot);
    }
    return markSlot;
  }

  Function& F;
  FunctionCallee Mark, Release;
  CallInst* EntryMark = nullptr;
  DenseMap<Value*, Value*> Marks;
  DenseMap<AllocaInst*, AllocaInst*> MarkSlots;
};

}  // namespace

PreservedAnalyses DynBlockReleasePass::run(Module& M, ModuleAnalysisManager&) {
  if (!Triple(M.getTargetTriple()).isX86_64()) return PreservedAnalyses::all();
  LLVMContext& C = M.getContext();
  FunctionCallee mark, release;
  bool changed = false;
  for (Function& F : M) {
    if (F.isDeclaration() || !F.hasFnAttribute("split-stack") ||
        F.hasFnAttribute(Attribute::Naked) || F.isPresplitCoroutine() ||
        !hasDynamicAlloca(F))
      continue;
    if (!mark) {
      PointerType* ptr = PointerType::getUnqual(C);
      mark = M.getOrInsertFunction(kMarkFn, ptr);
      release = M.getOrInsertFunction(kReleaseFn, Type::getVoidTy(C), ptr);
      for (FunctionCallee f : {mark, release})
        if (auto* fn = dyn_cast<Function>(f.getCallee()))
          fn->addFnAttr(Attribute::NoUnwind);
    }
    FrameInstrumenter(F, mark, release).run();
    changed = true;
  }
  return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

}  // namespace gort_passes
