/** Edits of the editor's ordered lists (waves, steps, parameters), each returning a new list. */

/** Swaps an item with its neighbour; an item already at that end stays. */
export function moveItem<T>(items: T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset;
  if (target < 0 || target >= items.length) return items;
  const moved = [...items];
  [moved[index], moved[target]] = [moved[target], moved[index]];
  return moved;
}

export function removeItem<T>(items: T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

export function patchItem<T>(
  items: T[],
  index: number,
  change: Partial<T>,
): T[] {
  return items.map((item, i) => (i === index ? { ...item, ...change } : item));
}

/** `${prefix} n`, with the first n from `from` that no item is named yet. */
export function unusedName(
  prefix: string,
  names: string[],
  from: number,
): string {
  const taken = new Set(names);
  let n = from;
  while (taken.has(`${prefix} ${n}`)) n += 1;
  return `${prefix} ${n}`;
}

let lastKey = 0;

/** A key that keeps an item's identity (its open section, its typed text) while items move. */
export function nextKey(): number {
  lastKey += 1;
  return lastKey;
}
