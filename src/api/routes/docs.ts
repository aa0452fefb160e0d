import { Router } from 'express';
import { openApiDocument } from '../openapi';

/** `GET /openapi.json` and `GET /docs`: plain HTML, no script or inline style, so it works under the CSP and offline. */
export function docsRoutes(): Router {
  // Both made on first use, then kept.
  let document: ReturnType<typeof openApiDocument> | undefined;
  let page: string | undefined;
  const openApi = () => (document ??= openApiDocument());
  return Router()
    .get('/openapi.json', (_req, res) => res.json(openApi()))
    .get('/docs', (_req, res) => res.type('html').send((page ??= renderDocs(openApi()))))
    .get('/docs/docs.css', (_req, res) => res.type('css').set('Cache-Control', 'public, max-age=3600').send(DOCS_CSS));
}

const escape = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function typeOf(s: Record<string, unknown>): string {
  if (Array.isArray(s.enum)) return s.enum.join(' | ');
  if (Array.isArray(s.anyOf)) return 'list (comma-separated)';
  const bounds = [s.minimum !== undefined && `≥ ${s.minimum}`, s.maximum !== undefined && `≤ ${s.maximum}`];
  const fallback = s.default !== undefined && `default ${JSON.stringify(s.default)}`;
  return [s.type ?? 'any', bounds.filter(Boolean).join(', '), fallback].filter(Boolean).join('; ');
}

const EXAMPLES: Record<string, string> = {
  '/search': "curl 'http://localhost:3000/api/search?q=tehrik-i-taliban'",
  '/entities/{id}': "curl 'http://localhost:3000/api/entities/ttp'",
  '/entities/{id}/neighborhood':
    "curl 'http://localhost:3000/api/entities/ttp/neighborhood?depth=2&status=reported,alleged&limit=200'",
  '/paths': "curl 'http://localhost:3000/api/paths?from=bla&to=china&k=3&weighted=true'",
  '/analytics': "curl 'http://localhost:3000/api/analytics?top=5'",
  '/sources/{id}': "curl 'http://localhost:3000/api/sources/isas-2024'",
  '/sources/{id}/paragraphs/{n}': "curl 'http://localhost:3000/api/sources/ali-2024/paragraphs/39?context=38'",
  '/graph': "curl 'http://localhost:3000/api/graph?types=allied-with,supports,funds'",
  '/cypher': `curl -X POST http://localhost:3000/api/cypher -H 'content-type: application/json' -d '{"query":"MATCH (n:Entity {id: $id})-[r]-(m) RETURN n, r, m","params":{"id":"ttp"}}'`,
};

function renderDocs({ info, paths }: ReturnType<typeof openApiDocument>): string {
  const operations = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op, id: `${method}-${path.replace(/\W+/g, '-')}` })),
  );
  const sections = operations
    .map(({ path, method, op, id }) => {
      const params = op.parameters
        .map(
          (p) =>
            `<tr><td><code>${escape(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${escape(p.in)}</td><td>${escape(typeOf(p.schema))}</td><td>${escape(p.description)}</td></tr>`,
        )
        .join('');
      const statuses = Object.entries(op.responses)
        .map(([status, r]) => `<li><code>${escape(status)}</code> ${escape(r.description)}</li>`)
        .join('');
      return [
        `<section id="${escape(id)}"><h2><span class="method">${method.toUpperCase()}</span> <code>/api${escape(path)}</code></h2>`,
        `<p class="summary">${escape(op.summary)}</p>${op.description ? `<p>${escape(op.description)}</p>` : ''}`,
        params &&
          `<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr></thead><tbody>${params}</tbody></table>`,
        op.requestBody ? `<p><strong>Body</strong> (JSON): <code>{ "query": "...", "params": { ... } }</code></p>` : '',
        `<ul class="statuses">${statuses}</ul>`,
        EXAMPLES[path] ? `<pre><code>${escape(EXAMPLES[path])}</code></pre>` : '',
        '</section>',
      ].join('');
    })
    .join('\n');
  const toc = operations
    .map(({ path, method, id }) => `<li><a href="#${escape(id)}">${method.toUpperCase()} /api${escape(path)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)}</title><link rel="stylesheet" href="/api/docs/docs.css"></head>
<body><header><h1>${escape(info.title)}</h1><p>${escape(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, generated from the same zod schemas that validate requests).</p></header>
<nav><ul>${toc}</ul></nav><main>${sections}</main></body></html>`;
}

const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:62rem;padding:1rem 1.5rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2.2rem;border-top:1px solid #ddd;padding-top:1rem}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f5f5f5;padding:.6rem;overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.method{background:#1f77b4;color:#fff;border-radius:3px;padding:0 .4rem;font-size:.85em}.req{color:#b00;font-size:.8em}
.summary{font-weight:600}nav ul{columns:2;padding-left:1.2rem}.statuses{padding-left:1.2rem}`;
