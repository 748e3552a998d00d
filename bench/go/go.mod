// The Go twins of the gort benchmarks: one module, so that they share
// benchutil (no dependencies; builds offline with Debian's Go 1.19).
module gortbench

go 1.19
