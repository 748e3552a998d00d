// Linked into shared libraries built with `gort++ -shared` (libgort_shlib.a),
// never into programs. A library's split-stack prologues call __morestack
// and __morestack_non_split (and alloca in split code calls
// __morestack_allocate_stack_space, gort_dyn_mark and gort_dyn_release);
// without these, the link would pull
// libgcc's morestack.o into the library, whose segments and per-thread state
// know nothing of gort's: a goroutine parked on a libgcc segment crashed
// after moving to another thread. These forward to the program's runtime
// (stack/morestack.S exports the entry points under other names, which the
// program's -rdynamic makes visible). A jmp, not a call: __morestack's
// caller-side layout ([rsp] = R, [rsp+8] = C) and r10/r11 reach it intact.
// The library is linked with -z now, so no lazy binding runs in between.

	.section .note.GNU-split-stack,"",@progbits
	.section .note.GNU-no-split-stack,"",@progbits
	.section .note.GNU-stack,"",@progbits

	.text

	.macro FORWARD name, target
	.globl	\name
	.hidden	\name
	.type	\name,@function
	.p2align 4
\name:
	.cfi_startproc
	// As in morestack.S: the return address column is C at rsp + 8.
	.cfi_def_cfa_offset 16
	jmp	*\target@GOTPCREL(%rip)
	.cfi_endproc
	.size	\name, . - \name
	.endm

	FORWARD __morestack, gort_morestack_export
	FORWARD __morestack_non_split, gort_morestack_non_split_export

	// Ordinary functions: their CFI is a plain call's.
	.macro FORWARD_PLAIN name, target
	.globl	\name
	.hidden	\name
	.type	\name,@function
	.p2align 4
\name:
	.cfi_startproc
	jmp	*\target@GOTPCREL(%rip)
	.cfi_endproc
	.size	\name, . - \name
	.endm

	FORWARD_PLAIN __morestack_allocate_stack_space, gort_allocate_stack_space_export
	// The alloca/VLA block marks that gort++'s pass plugin puts in split
	// functions with dynamic allocas (stack/dyn_blocks.cpp). Defined here
	// (in a split-stack object), the linker does not treat the calls as
	// calls into non-split code.
	FORWARD_PLAIN gort_dyn_mark, gort_dyn_mark_export
	FORWARD_PLAIN gort_dyn_release, gort_dyn_release_export

	// Clang links every -fsplit-stack output with --wrap=pthread_create,
	// for libgcc's generic-morestack-thread.o, which would bring libgcc's
	// __morestack along. This definition keeps it out: it goes to
	// pthread_create (the name __real_pthread_create stands for under
	// --wrap), which the program defines (stack/signals.cpp).
	.globl	__wrap_pthread_create
	.hidden	__wrap_pthread_create
	.type	__wrap_pthread_create,@function
	.p2align 4
__wrap_pthread_create:
	.cfi_startproc
	jmp	*__real_pthread_create@GOTPCREL(%rip)
	.cfi_endproc
	.size	__wrap_pthread_create, . - __wrap_pthread_create

