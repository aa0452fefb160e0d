/**
 * V8 flags the tool's commands run with (package.json passes them to tsx, src/bench/child-process.ts takes them from
 * here; a test keeps the two in step). A 64 MB young generation: loading a million relations ran about 420 scavenges
 * (4.7 s) at V8's default 16 MB and 120 (2.6 s) at 64 MB. Small seeds pay nothing, and the flag only works at start-up.
 */
export const NODE_RUNTIME_FLAGS = ['--max-semi-space-size=64'] as const;
