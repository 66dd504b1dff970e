/**
 * Runs `work` over `items`, `concurrency` at a time: as the engine drives executions, and as a
 * client seeds a table without queueing everything at once.
 */
export async function inPool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        await work(next);
      }
    }),
  );
}
