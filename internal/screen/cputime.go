package screen

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user+system CPU time so far. Speed is
// measured against it as well as the wall clock: on a shared machine the
// wall clock counts time other processes held the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
