/**
 * A task's checkpoint store as the scaffolder keeps it: values saved as JSON under their key,
 * so a second run of the same task (a retry) gets the saved value instead of running `fn`.
 */
export function jsonCheckpoints() {
  const saved = new Map<string, string>();
  return async function checkpoint<T>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T> {
    const previous = saved.get(opts.key);
    if (previous !== undefined) return JSON.parse(previous) as T;
    const value = await opts.fn();
    saved.set(opts.key, JSON.stringify(value));
    return value;
  };
}
