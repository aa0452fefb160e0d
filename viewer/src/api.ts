/** The slice of the HTTP API the viewer uses, typed at the boundary. */
export interface SchemaResponse {
  kinds: Record<string, { label: string; color: string }>;
  relationTypes: Record<string, { label: string; color: string; symmetric: boolean }>;
}

export interface SearchResponse {
  results: { id: string; name: string; kind: string; matched: string; score: number }[];
}

export interface NeighborhoodResponse {
  graph: unknown;
  truncated: boolean;
  counts: { nodes: number; edges: number; byType: Record<string, number> };
}

export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}
