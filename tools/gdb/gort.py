# gort's gdb extension (like Go's runtime-gdb.py):
#   info goroutines        every live goroutine: id, state or wait reason,
#                          and where it is
#   goroutine <id> bt      the backtrace of one goroutine (a parked one is
#                          unwound from its saved context)
# Load it with:  (gdb) source <prefix>/share/gort/gdb/gort.py
# (build tree: tools/gdb/gort.py). Needs a program linked with libgort and
# its debug information (gort++ builds the runtime with -g).
import gdb

STATES = ["idle", "runnable", "running", "waiting", "syscall", "dead"]
# detail::wait_reason, in declaration order (runtime/include/gort/detail/park.hpp)
# (runtime/src/scheduler/wait_reason.cpp has the names).
REASONS = ["running", "chan receive", "chan send", "select", "select (no cases)",
           "chan receive (nil chan)", "chan send (nil chan)",
           "sync.WaitGroup.Wait", "sync.Mutex.Lock", "sync.RWMutex.Lock",
           "sync.RWMutex.RLock", "sync.Cond.Wait", "sleep", "syscall", "IO wait",
           "pthread_mutex_lock", "pthread_rwlock_rdlock", "pthread_rwlock_wrlock",
           "pthread_cond_wait", "sem_wait", "pthread_join"]
CHUNK = 4096  # runtime/src/scheduler/allgs.cpp


def _word(addr):
    return int(gdb.parse_and_eval("*(unsigned long*)%d" % addr))


def all_goroutines():
    """Yields (id, state text, G value) for every live goroutine. The text
    is the wait reason of a parked goroutine and of one in a system call
    that the runtime names ("pthread_mutex_lock"), as in the runtime's
    dumps (runtime/src/panic/traceback.cpp)."""
    g_ptr = gdb.lookup_type("gort::rt::G").pointer()
    count = _word(int(gdb.parse_and_eval("(unsigned long)&gort_allgs_count")))
    chunks = int(gdb.parse_and_eval("(unsigned long)&gort_allgs_chunks"))
    for i in range(count):
        chunk = _word(chunks + 8 * (i // CHUNK))
        g = gdb.Value(_word(chunk + 8 * (i % CHUNK))).cast(g_ptr).dereference()
        status = int(g["status"]["_M_i"])
        if status in (0, 5):  # idle or dead: a free G struct
            continue
        state = STATES[status]
        reason = int(g["reason"])
        if state == "waiting" or (state == "syscall" and reason != 0):
            state = REASONS[reason] if reason < len(REASONS) else state
        yield int(g["id"]), state, g


def _on_a_thread(g):
    """Running or in a system call: its registers are a thread's, not in
    its saved context."""
    return STATES[int(g["status"]["_M_i"])] in ("running", "syscall")


def _saved_registers(g):
    """rsp, rbp, rip of a goroutine that is not running (Boost.Context's
    jump_fcontext leaves rbp at ctx+0x38 and the return address at
    ctx+0x40; the resumed rsp is ctx+0x48)."""
    ctx = int(g["ctx"])
    if ctx == 0:
        return None
    return ctx + 0x48, _word(ctx + 0x38), _word(ctx + 0x40)


# Frames that are gort's, the standard library's or Boost.Context's, not
# the program's: skipped when saying where a goroutine is.
LIBRARY_PREFIXES = ("gort::", "gort_", "__morestack", "std::", "boost::",
                    "jump_fcontext", "ontop_fcontext", "make_fcontext")


def _functions_at(pc):
    """The functions at pc, innermost first: from debug information every
    inlined call and the function containing them, else the ELF symbol
    (code built without -g), else nothing."""
    try:
        block = gdb.block_for_pc(pc)
    except RuntimeError:
        block = None
    names = []
    while block:
        if block.function:
            names.append(block.function.print_name)
        block = block.superblock
    if names:
        return names
    try:
        text = gdb.execute("info symbol %d" % pc, to_string=True)
    except gdb.error:
        return []
    if text.startswith("No symbol"):
        return []
    return [text.split(" + ")[0].split(" in section ")[0].strip()]


def _program_function_at(pc):
    """The innermost function at pc that is the program's (a gort call
    inlined into it is skipped), or None."""
    for name in _functions_at(pc):
        if not name.startswith(LIBRARY_PREFIXES):
            return name
    return None


def _address_of(symbol):
    try:
        return int(gdb.parse_and_eval("(unsigned long)&%s" % symbol))
    except gdb.error:
        return None


def _trampoline_returns():
    """Return points inside the split-stack trampolines
    (runtime/src/stack/morestack.S), as the runtime's own walk knows them
    (runtime/src/panic/traceback.cpp): (no frame of its own, framed)."""
    fast = _address_of("gort_ns_fast_return")
    framed = {a for a in (_address_of("gort_ns_args_return"),
                          _address_of("gort_ms_body_return")) if a}
    return fast, framed


def _where(regs):
    """The first frame outside the libraries, following the frame-pointer
    chain from the saved context (as the runtime's own dumps do, through
    the split-stack trampolines). Every pc is a return address, looked up
    at pc-1: inside its call, which may be its function's last instruction
    (a noreturn call). Frames built without frame pointers end the walk;
    segments are not ordered in memory, so the chain may go up or down."""
    _, fp, pc = regs
    fast, framed = _trampoline_returns()
    for _ in range(64):
        name = _program_function_at(pc - 1)
        if name:
            return name
        if fp == 0 or fp % 8:
            break
        try:
            next_fp, pc = _word(fp), _word(fp + 8)
            # A split function entered through __morestack(_non_split):
            # its caller's return address is further up, past the
            # trampoline's.
            if fast and pc == fast:
                pc = _word(fp + 24)  # no frame of its own: [R][C] above ours
            elif pc in framed:
                pc, next_fp = _word(next_fp + 16), _word(next_fp)  # [rbp][R][C]
        except gdb.error:  # gdb.MemoryError: not a frame pointer after all
            break
        fp = next_fp
    return hex(regs[2])


class InfoGoroutines(gdb.Command):
    """info goroutines: list every live goroutine."""

    def __init__(self):
        super().__init__("info goroutines", gdb.COMMAND_STACK, gdb.COMPLETE_NONE)

    def invoke(self, arg, from_tty):
        for gid, state, g in all_goroutines():
            where = ""
            regs = None if _on_a_thread(g) else _saved_registers(g)
            if regs:
                where = " in " + _where(regs)
            print("goroutine %d [%s]%s" % (gid, state, where))


class GoroutineCommand(gdb.Command):
    """goroutine <id> bt: backtrace of goroutine <id>."""

    def __init__(self):
        super().__init__("goroutine", gdb.COMMAND_STACK, gdb.COMPLETE_NONE)

    def invoke(self, arg, from_tty):
        args = arg.split(None, 1)
        if len(args) != 2:
            raise gdb.GdbError("usage: goroutine <id> <command>, e.g. goroutine 1 bt")
        want, command = int(args[0]), args[1]
        for gid, state, g in all_goroutines():
            if gid != want:
                continue
            regs = _saved_registers(g)
            if _on_a_thread(g) or not regs:
                # Running on some thread: find it with "info threads" / "bt".
                print("goroutine %d [%s]: running on an OS thread; "
                      "use thread apply all bt" % (gid, state))
                return
            # As Go's runtime-gdb.py does: point the selected thread at the
            # goroutine's saved registers, run the command, restore them.
            frame = gdb.selected_frame()
            saved = [int(frame.read_register(r)) for r in ("rsp", "rbp", "rip")]
            gdb.newest_frame().select()
            try:
                gdb.execute("set $rsp = %d" % regs[0])
                gdb.execute("set $rbp = %d" % regs[1])
                # The saved pc is a return address: one past the call that
                # parked the goroutine, already the next function's when that
                # call was its function's last instruction. gdb looks frame
                # #0 up at its pc as is, so give it the call's own address
                # (the callers' frames gdb looks up at pc-1 itself).
                gdb.execute("set $rip = %d" % (regs[2] - 1))
                gdb.execute(command)
            finally:
                gdb.execute("set $rsp = %d" % saved[0])
                gdb.execute("set $rbp = %d" % saved[1])
                gdb.execute("set $rip = %d" % saved[2])
            return
        raise gdb.GdbError("no goroutine %d" % want)


InfoGoroutines()
GoroutineCommand()
