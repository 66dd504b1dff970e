// Helpers shared by the scripts that start servers as child processes (e2e/run.mjs,
// e2e/replicas/run.mjs). Each child is spawned with `detached: true`, which makes it the leader
// of its own process group, so whatever it starts in turn is stopped with it.

const POLL_MS = 250;
/** How long a SIGKILLed group may take to disappear (a zombie whose parent never reaps it would not). */
const KILL_WAIT_MS = 5_000;

/** Signals a whole process group; false when no process of it is left. */
export function signalProcessGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

/**
 * Stops a process group and waits until it is gone: `signal` first (SIGTERM unless told),
 * then SIGKILL for anything still running after `graceMs`.
 */
export async function stopProcessGroup(
  pid,
  { signal = 'SIGTERM', graceMs = 10_000 } = {},
) {
  if (!signalProcessGroup(pid, signal)) return;
  await waitUntilGone(pid, graceMs);
  if (signalProcessGroup(pid, 'SIGKILL'))
    await waitUntilGone(pid, KILL_WAIT_MS);
}

async function waitUntilGone(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && signalProcessGroup(pid, 0)) {
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}
