// gort's split-stack entry points for x86-64 SysV (replacing libgcc's
// morestack.o): __morestack, __morestack_non_split, and
// gort_call_on_stack. Design and costs: docs/design/stacks.md.
//
// Calling convention (set by the compiler's split-stack prologue):
//
//       cmp  %fs:0x70, %rsp          (large frames: lea -N(%rsp),%r11; cmp)
//       ja   body
//       mov  $frame_size, %r10       bytes the function's frame needs
//       mov  $arg_size,   %r11       bytes of its stack arguments
//       call __morestack             the return address R points at ...
//       ret                          ... this ret; R + 1 is the body
//   body:
//
//   On entry to __morestack: [rsp] = R, [rsp+8] = C (the function's
//   caller), stack arguments at rsp+16 .. rsp+16+r11, rsp % 16 == 0.
//   rax, rdi, rsi, rdx, rcx, r8, r9 and xmm0-7 carry the function's
//   arguments (rax: static chain / varargs count) and are preserved; r10
//   and r11 are scratch once read.
//
//   __morestack calls R + 1 on the new segment with the arguments copied,
//   so the function's return comes back here (the return stack buffer
//   predicts every return); it switches back and returns to R, whose `ret`
//   returns to C. The CFI below makes unwinders skip R: the frame's return
//   address is C and the caller's rsp is CFA + 8.
//
//   gold and lld rewrite the prologue of a split function that calls
//   non-split code so that it always calls __morestack_non_split (same
//   convention). Every segment keeps kNonSplitStack bytes below its limit
//   for non-split callees (stack/stack.hpp), so it applies the ordinary
//   check: if the frame fits above the limit it calls the body right there
//   (no switch), otherwise it is __morestack.
//
// Split-stack state (stack/stack.hpp): %fs:0x70 holds the stack limit and
// the thread-local gort_stack_seg the current segment (struct stack_seg:
// prev at 0, next at 8, limit at 24, split_fp at 48).
//
// Exceptions: the region where this frame runs the body on the new segment
// has a landing pad (LSDA with __gcc_personality_v0) that switches the
// split-stack state back to the older segment before unwinding resumes.

#include "stack/xmm_args.inc"

#define SEG_PREV 0
#define SEG_NEXT 8
#define SEG_LIMIT 24
#define SEG_SPLIT_FP 48
#define HEADER_AND_SLACK 16

#if defined(GORT_SPLIT_STACK) && GORT_SPLIT_STACK

// Makes the current segment's `prev` current again: gort_stack_seg and the
// stack limit (%fs:0x70). Clobbers rcx and rsi.
	.macro SWITCH_TO_OLDER_SEGMENT
	movq	gort_stack_seg@gottpoff(%rip), %rcx
	movq	%fs:(%rcx), %rsi
	movq	SEG_PREV(%rsi), %rsi
	movq	%rsi, %fs:(%rcx)
	movq	SEG_LIMIT(%rsi), %rsi
	movq	%rsi, %fs:0x70
	.endm

	.section .note.GNU-split-stack,"",@progbits
	.section .note.GNU-no-split-stack,"",@progbits
	.section .note.GNU-stack,"",@progbits

	.text

// The entry points under the names shared libraries built with
// `gort++ -shared` forward to (runtime/shlib/morestack_forward.S): their own
// __morestack is a hidden stub, so they need other, exported names. Jumps,
// not aliases: at the same address the alias would name the frame, and gdb
// recognizes a segment boundary only by the name __morestack.
	.macro EXPORT_ENTRY name, target
	.globl	\name
	.type	\name,@function
	.p2align 4
\name:
	.cfi_startproc
	.cfi_def_cfa_offset 16		# [rsp] = R, [rsp+8] = C, as at the target
	jmp	\target
	.cfi_endproc
	.size	\name, . - \name
	.endm

	EXPORT_ENTRY gort_morestack_export, __morestack
	EXPORT_ENTRY gort_morestack_non_split_export, __morestack_non_split

// ---------------------------------------------------------------------------
	.globl	__morestack_non_split
	.hidden	__morestack_non_split
	.type	__morestack_non_split,@function
	.p2align 4
__morestack_non_split:
	.cfi_startproc
	// Unwinders skip R: the return address column is C at rsp + 8, and the
	// caller's rsp is rsp + 16 (CFA).
	.cfi_def_cfa_offset 16
	testq	%r11, %r11
	jnz	.Lns_args

	// Fast path, no stack arguments (nearly every function). Does the
	// frame fit above the limit? Then the ordinary prologue check would
	// have passed, and the reserve below the limit (kStackReserve) already
	// holds kNonSplitStack bytes for the non-split callees: call the body
	// right here. rsp % 16 == 0 as at a call site, so the body's frame is
	// aligned; its return comes back here and ours returns to R, whose
	// `ret` returns to C (every return predicted).
	negq	%r10
	addq	%rsp, %r10
	cmpq	%fs:0x70, %r10
	jb	.Lns_grow_fast
	movq	(%rsp), %r10
	incq	%r10				# R + 1: the body
	call	*%r10
	.globl	gort_ns_fast_return		# frame-pointer walks: R at +16, C at +24
	.hidden	gort_ns_fast_return
gort_ns_fast_return:
	ret
.Lns_grow_fast:
	// r10 = rsp - frame: recover the frame size (r11 is 0).
	subq	%rsp, %r10
	negq	%r10
	jmp	__morestack

.Lns_args:
	// The same with stack arguments, copied below a frame of our own.
	pushq	%rbp
	.cfi_def_cfa_offset 24
	.cfi_offset %rbp, -24
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	negq	%r10
	addq	%rsp, %r10
	subq	%r11, %r10
	cmpq	%fs:0x70, %r10
	jb	.Lns_grow_args
	// Copy the stack arguments below us: [rsp, rsp + r11), rsp % 16 == 0.
	leaq	15(%r11), %r10
	andq	$-16, %r10
	subq	$8, %rsp
	subq	%r10, %rsp
1:	subq	$8, %r11
	movq	24(%rbp,%r11), %r10
	movq	%r10, (%rsp,%r11)
	jnz	1b
	movq	8(%rbp), %r10
	incq	%r10				# R + 1: the body
	call	*%r10
	.globl	gort_ns_args_return		# frame-pointer walks: C at rbp + 16
	.hidden	gort_ns_args_return
gort_ns_args_return:
	leave
	.cfi_remember_state
	.cfi_def_cfa %rsp, 16
	.cfi_restore %rbp
	ret
	.cfi_restore_state
.Lns_grow_args:
	// r10 = rsp - frame - args: recover the frame size.
	subq	%rsp, %r10
	negq	%r10
	subq	%r11, %r10
	popq	%rbp
	.cfi_def_cfa %rsp, 16
	.cfi_restore %rbp
	jmp	__morestack
	.cfi_endproc
	.size	__morestack_non_split, . - __morestack_non_split

// ---------------------------------------------------------------------------
	.globl	__morestack
	# Not hidden: tracebacks name it.
	.type	__morestack,@function
	.p2align 4
__morestack:
.LFB_ms:
	.cfi_startproc
	.cfi_personality 0x9b, DW.ref.__gcc_personality_v0
	.cfi_lsda 0x1b, .LLSDA_ms
	// A limit poisoned by sysmon (its high half 0x7fffffff, kLimitPoisonHigh32
	// in limit_poison.hpp) is a preemption request, not a full stack:
	// docs/design/preemption.md.
	cmpl	$0x7fffffff, %fs:0x74
	je	gort_morestack_preempt
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	.cfi_offset 16, 0			# return address: C, not R
	.cfi_escape 0x15, 7, 0x7f		# caller's rsp = CFA + 8

	pushq	%rax				# -8(%rbp)
	pushq	%rcx				# -16
	pushq	%rsi				# -24
	pushq	%rdi				# -32

	// Hot path: the cached younger segment is big enough.
	movq	gort_stack_seg@gottpoff(%rip), %rax
	movq	%fs:(%rax), %rax		# current segment
	testq	%rax, %rax
	jz	.Lms_slow
	movq	SEG_NEXT(%rax), %rcx
	testq	%rcx, %rcx
	jz	.Lms_slow
	leaq	HEADER_AND_SLACK(%r10,%r11), %rsi	# bytes needed above the limit
	movq	%rcx, %rdi
	subq	SEG_LIMIT(%rcx), %rdi		# capacity: hi - limit
	cmpq	%rsi, %rdi
	jb	.Lms_slow

.Lms_switch:
	// rcx: the segment to run on (linked as current->next).
	movq	%rbp, SEG_SPLIT_FP(%rcx)
	movq	gort_stack_seg@gottpoff(%rip), %rax
	movq	%rcx, %fs:(%rax)
	movq	SEG_LIMIT(%rcx), %rax
	movq	%rax, %fs:0x70
.LEHB_ms:
	movq	%rcx, %rax			# new rsp: below the copied args
	subq	%r11, %rax
	andq	$-16, %rax
	testq	%r11, %r11
	jz	2f
1:	subq	$8, %r11
	movq	24(%rbp,%r11), %r10
	movq	%r10, (%rax,%r11)
	jnz	1b
2:	movq	8(%rbp), %r10
	incq	%r10				# R + 1: the body
	movq	%rax, %rsp			# onto the new segment
	movq	-8(%rbp), %rax
	movq	-16(%rbp), %rcx
	movq	-24(%rbp), %rsi
	movq	-32(%rbp), %rdi
	call	*%r10
	.globl	gort_ms_body_return		# frame-pointer walks: C at rbp + 16
	.hidden	gort_ms_body_return
gort_ms_body_return:

	// The function returned: rax, rdx, xmm0-1, st0-1 hold its result.
	SWITCH_TO_OLDER_SEGMENT
.LEHE_ms:
	leave
	.cfi_remember_state
	.cfi_def_cfa %rsp, 8
	.cfi_restore %rbp
	ret

	.cfi_restore_state
.Lms_slow:
	// Ask gort_morestack_grow (C++, runs here below the limit) for a
	// segment; it preserves nothing, so save the other argument registers.
	pushq	%rdx
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11				# rsp = rbp - 72: 0 mod 16
	subq	$128, %rsp			# xmm0-7
	SAVE_XMM_ARGS
	movq	%r10, %rdi
	movq	%r11, %rsi
	call	gort_morestack_grow
	movq	%rax, %rcx
	RESTORE_XMM_ARGS
	addq	$128, %rsp
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdx
	jmp	.Lms_switch

	// Landing pad: an exception is leaving the function that ran on the
	// younger segment. Switch back to the older one, then keep unwinding
	// (on the younger segment's stack, which is at least 64 KiB).
.Lms_landing:
	SWITCH_TO_OLDER_SEGMENT
	movq	%rax, %rdi
	andq	$-16, %rsp
	call	_Unwind_Resume@PLT
	ud2
	.cfi_endproc
	.size	__morestack, . - __morestack

	.section .gcc_except_table,"a",@progbits
	.p2align 2
.LLSDA_ms:
	.byte	0xff				# @LPStart: omitted
	.byte	0xff				# @TType: omitted
	.byte	0x1				# call sites: uleb128
	.uleb128 .LLSDA_cs_end - .LLSDA_cs
.LLSDA_cs:
	.uleb128 .LEHB_ms - .LFB_ms
	.uleb128 .LEHE_ms - .LEHB_ms
	.uleb128 .Lms_landing - .LFB_ms
	.uleb128 0				# cleanup
.LLSDA_cs_end:

	.hidden	DW.ref.__gcc_personality_v0
	.weak	DW.ref.__gcc_personality_v0
	.section .data.DW.ref.__gcc_personality_v0,"awG",@progbits,DW.ref.__gcc_personality_v0,comdat
	.p2align 3
	.type	DW.ref.__gcc_personality_v0, @object
	.size	DW.ref.__gcc_personality_v0, 8
DW.ref.__gcc_personality_v0:
	.quad	__gcc_personality_v0

#endif  // GORT_SPLIT_STACK

// ---------------------------------------------------------------------------
// void gort_call_on_stack(void (*fn)(void*), void* arg, void* stack_top)
// Calls fn(arg) with rsp at stack_top; fn must not return. The frame keeps
// the old stack reachable for unwinders (CFA through rbp).
	.text
	.globl	gort_call_on_stack
	.type	gort_call_on_stack,@function
	.p2align 4
gort_call_on_stack:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	andq	$-16, %rdx
	movq	%rdx, %rsp
	movq	%rdi, %rax
	movq	%rsi, %rdi
	call	*%rax
	ud2
	.cfi_endproc
	.size	gort_call_on_stack, . - gort_call_on_stack

	.section .note.GNU-stack,"",@progbits
