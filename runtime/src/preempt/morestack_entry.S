// gort_morestack_preempt: where __morestack sends a split-stack prologue
// that found the stack limit poisoned by sysmon (stack/limit_poison.hpp,
// docs/design/preemption.md). Same convention as __morestack (see
// stack/morestack.S): [rsp] = R (the prologue's `ret`, R + 1 the body),
// [rsp+8] = C (the function's caller), r10/r11 the frame and argument
// sizes, the argument registers live, rsp % 16 == 0.
//
// It saves every argument register, calls gort_preempt_at_prologue(R, C)
// (which restores the real limit and may switch to another goroutine: we
// may come back on another thread), restores them and redoes the
// prologue's check against the real limit through __morestack_non_split:
// the body runs right there if the frame fits, else on a new segment.

#include "stack/xmm_args.inc"

#if defined(GORT_SPLIT_STACK) && GORT_SPLIT_STACK

	.section .note.GNU-split-stack,"",@progbits
	.section .note.GNU-no-split-stack,"",@progbits
	.text
	.globl	gort_morestack_preempt
	.hidden	gort_morestack_preempt
	.type	gort_morestack_preempt,@function
	.p2align 4
gort_morestack_preempt:
	.cfi_startproc
	// A frame whose return address is C, so that frame-pointer walks
	// (dumps of the preempted goroutine) go on to the caller; R, a
	// prologue's `ret`, is no frame. DWARF unwinders see the truth.
	pushq	8(%rsp)
	.cfi_adjust_cfa_offset 8
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_offset %rbp, -24
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp		# CFA = rbp + 24, R at CFA - 8
	pushq	%rax
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11				# rsp = rbp - 72
	subq	$136, %rsp			# xmm0-7, rsp % 16 == 0
	SAVE_XMM_ARGS
	movq	16(%rbp), %rdi			# R
	movq	8(%rbp), %rsi			# C
	call	gort_preempt_at_prologue
	.globl	gort_preempt_stub_return	# stress check: a handler frame
	.hidden	gort_preempt_stub_return
gort_preempt_stub_return:
	RESTORE_XMM_ARGS
	addq	$136, %rsp
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	popq	%rax
	popq	%rbp
	.cfi_def_cfa %rsp, 16
	.cfi_restore %rbp
	addq	$8, %rsp			# the copy of C
	.cfi_def_cfa_offset 8
	jmp	__morestack_non_split
	.cfi_endproc
	.size	gort_morestack_preempt, . - gort_morestack_preempt

#endif  // GORT_SPLIT_STACK

	.section .note.GNU-stack,"",@progbits
