import type {
  CypherResponse,
  EntityDetail,
  Health,
  NeighborhoodResponse,
  PassageResponse,
  PathsResponse,
  QuestionAnswer,
  QuestionsResponse,
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

/** A text answer (a Markdown briefing); an error answer is JSON and becomes an ApiError as above. */
async function requestText(url: string, accept: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept } });
  } catch {
    throw new ApiError(0, 'NETWORK', 'the server cannot be reached');
  }
  const text = await res.text();
  if (res.ok) return text;
  let error: { code?: string; message?: string; details?: unknown } | undefined;
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error;
  } catch {
    // not JSON: the status line says enough
  }
  throw new ApiError(
    res.status,
    error?.code ?? 'HTTP',
    error?.message ?? `${res.status} ${res.statusText}`,
    error?.details,
  );
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

export type PathsOptions = {
  from: string;
  to: string;
  maxHops: number;
  k: number;
  types: string[];
  excludeTypes: string[];
} & DateFilters;

/**
 * Where the answers that can also be had as a briefing live: the viewer asks the same URL for
 * the JSON it draws and (with format=markdown) for the briefing it copies or downloads.
 */
export const answerUrls = {
  entity: (id: string) => `/api/entities/${enc(id)}`,
  paths: (opts: PathsOptions) =>
    `/api/paths${queryString({ from: opts.from, to: opts.to, maxHops: opts.maxHops, k: opts.k, types: opts.types, excludeTypes: opts.excludeTypes, asOf: opts.asOf, knownBy: opts.knownBy })}`,
  question: (id: string, params: Record<string, string>) => `/api/questions/${enc(id)}${queryString(params)}`,
};

const withQuery = (url: string, extra: string) => `${url}${url.includes('?') ? '&' : '?'}${extra}`;

/** The slice of the HTTP API the viewer uses. */
export const api = {
  schema: () => request<SchemaResponse>('/api/schema'),
  health: () => request<Health>('/api/health'),
  passage: (source: string, paragraph: number, context: readonly number[] = []) =>
    request<PassageResponse>(
      `/api/sources/${enc(source)}/paragraphs/${paragraph}${queryString({ context: context.map(String) })}`,
    ),
  search: (q: string, limit = 10, kind?: string) =>
    request<SearchResponse>(`/api/search${queryString({ q, limit, kind })}`),
  entity: (id: string) => request<EntityDetail>(answerUrls.entity(id)),
  neighborhood: (id: string, opts: { depth: number; limit?: number; types?: string[] } & DateFilters) =>
    request<NeighborhoodResponse>(
      `/api/entities/${enc(id)}/neighborhood${queryString({ depth: opts.depth, limit: opts.limit, types: opts.types, asOf: opts.asOf, knownBy: opts.knownBy })}`,
    ),
  paths: (opts: PathsOptions) => request<PathsResponse>(answerUrls.paths(opts)),
  questions: () => request<QuestionsResponse>('/api/questions'),
  question: (id: string, params: Record<string, string>) => request<QuestionAnswer>(answerUrls.question(id, params)),
  /** An answer's URL (answerUrls) asked for as a cited briefing: its Markdown text, the cited paragraphs quoted or not. */
  briefing: (answerUrl: string, passages = false) =>
    requestText(withQuery(answerUrl, `format=markdown${passages ? '&passages=true' : ''}`), 'text/markdown'),
  cypher: (query: string, params: Record<string, unknown> = {}, signal?: AbortSignal) =>
    request<CypherResponse>('/api/cypher', {
      method: 'POST',
      body: JSON.stringify({ query, params }),
      ...(signal ? { signal } : {}),
    }),
};
