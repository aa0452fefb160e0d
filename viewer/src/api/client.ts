import type {
  CypherResponse,
  EntityDetail,
  Health,
  NeighborhoodResponse,
  PassageResponse,
  PathsResponse,
  SchemaResponse,
  SearchResponse,
} from './types';

/** An error answer of the API, `{ error: { code, message, details? } }`, kept whole for the UI. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'the server cannot be reached');
  }
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  if (!res.ok) {
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'HTTP',
      body?.error?.message ?? `${res.status} ${res.statusText}`,
      body?.error?.details,
    );
  }
  return body as T;
}

const enc = encodeURIComponent;

/** Query string from a record, dropping empty values; lists are comma-separated as the API expects. */
export function queryString(params: Record<string, string | number | boolean | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface DateFilters {
  asOf?: string;
  knownBy?: string;
}

/** The slice of the HTTP API the viewer uses. */
export const api = {
  schema: () => request<SchemaResponse>('/api/schema'),
  health: () => request<Health>('/api/health'),
  passage: (source: string, paragraph: number, context: readonly number[] = []) =>
    request<PassageResponse>(
      `/api/sources/${enc(source)}/paragraphs/${paragraph}${queryString({ context: context.map(String) })}`,
    ),
  search: (q: string, limit = 10) => request<SearchResponse>(`/api/search${queryString({ q, limit })}`),
  entity: (id: string) => request<EntityDetail>(`/api/entities/${enc(id)}`),
  neighborhood: (id: string, opts: { depth: number; limit?: number; types?: string[] } & DateFilters) =>
    request<NeighborhoodResponse>(
      `/api/entities/${enc(id)}/neighborhood${queryString({ depth: opts.depth, limit: opts.limit, types: opts.types, asOf: opts.asOf, knownBy: opts.knownBy })}`,
    ),
  paths: (
    opts: {
      from: string;
      to: string;
      maxHops: number;
      k: number;
      types: string[];
      excludeTypes: string[];
    } & DateFilters,
  ) =>
    request<PathsResponse>(
      `/api/paths${queryString({ from: opts.from, to: opts.to, maxHops: opts.maxHops, k: opts.k, types: opts.types, excludeTypes: opts.excludeTypes, asOf: opts.asOf, knownBy: opts.knownBy })}`,
    ),
  cypher: (query: string, params: Record<string, unknown> = {}, signal?: AbortSignal) =>
    request<CypherResponse>('/api/cypher', {
      method: 'POST',
      body: JSON.stringify({ query, params }),
      ...(signal ? { signal } : {}),
    }),
};
