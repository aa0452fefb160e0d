/** A key that is the same for the same filters whatever the order of lists and properties. */
export function filterKey(filters: Record<string, unknown>): string {
  const normal = Object.keys(filters)
    .sort()
    .filter((k) => filters[k] !== undefined)
    .map((k) => {
      const v = filters[k];
      return [k, Array.isArray(v) ? [...new Set(v.map(String))].sort() : v];
    });
  return JSON.stringify(normal);
}
