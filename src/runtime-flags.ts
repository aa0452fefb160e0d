/**
 * V8 flags the tool's own commands run with (package.json passes them to tsx; the benchmark's
 * child processes get them from here, see src/bench/child-process.ts, and a test keeps the two in
 * step).
 *
 * A larger young generation: loading a large seed allocates millions of short-lived objects
 * (lines, raw items) next to the long-lived graph. With V8's default 16 MB semi-space, loading a
 * million relations ran about 420 scavenges (4.7 s) and promoted temporaries the old generation
 * then had to mark; at 64 MB it runs about 120 (2.6 s), mark-compact time halves and peak RSS
 * drops. The young generation only grows to this size when a program allocates that fast, so
 * small seeds pay nothing. The flag must be given at start-up: v8.setFlagsFromString has no effect
 * on the heap once it exists.
 */
export const NODE_RUNTIME_FLAGS = ['--max-semi-space-size=64'] as const;
