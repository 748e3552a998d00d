package benchutil

// HandoffIters is the length of B's CPU loop in syscall_handoff and
// unseen_block (BENCH.md sections 8 and 9).
const HandoffIters = 35000000

// Spin runs n steps of xorshift from x: B's CPU loop in syscall_handoff
// and unseen_block.
func Spin(x uint64, n int) uint64 {
	for k := 0; k < n; k++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}
