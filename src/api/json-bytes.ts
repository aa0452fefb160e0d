import { createHash, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { GraphStore } from '../store/port';

/** One random tag per store object: an embedded store never changes once built. */
const storeTags = new WeakMap<GraphStore, string>();

/**
 * Sends an already serialised JSON answer of an immutable store. Its ETag names the store and
 * the URL instead of hashing the body (Express's default hashes every byte of every answer): the
 * same URL on the same store gives the same bytes, and a restart (or another seed) gives a new
 * tag. Conditional requests (If-None-Match) still get 304.
 */
export function sendStoreJson(req: Request, res: Response, store: GraphStore, body: Buffer): void {
  let tag = storeTags.get(store);
  if (!tag) storeTags.set(store, (tag = randomUUID()));
  const digest = createHash('sha1').update(tag).update(req.originalUrl).digest('base64url');
  res.set('ETag', `W/"${body.length.toString(16)}-${digest}"`);
  res.type('json').send(body);
}
