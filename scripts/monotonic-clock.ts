/** Microseconds of CLOCK_MONOTONIC (process.hrtime): one clock for every process on the machine. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);
