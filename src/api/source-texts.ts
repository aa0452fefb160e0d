import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDirectory } from '../config';
import { splitParagraphs } from '../seed';
import { SourceTextUnavailableError } from '../model/errors';

/** The source documents' paragraphs, read from the sources folder (never the repository) on first use, then kept. */
export class SourceTexts {
  private readonly folder: string | undefined;
  private readonly cache = new Map<string, Promise<readonly string[]>>();

  constructor(folder: string | undefined) {
    this.folder = folder ? path.resolve(folder) : undefined;
  }

  /** Whether passages can be served at all (asked afresh: the folder may be mounted later). */
  available(): boolean {
    return this.folder !== undefined && isDirectory(this.folder);
  }

  /** The paragraphs of one source file (paragraph N is element N-1). */
  async paragraphs(file: string): Promise<readonly string[]> {
    const full = this.resolve(file);
    const reading =
      this.cache.get(full) ??
      readFile(full, 'utf8').then(splitParagraphs, (err: NodeJS.ErrnoException) => {
        // A failed read is not remembered, so a file put in place later is picked up.
        this.cache.delete(full);
        throw new SourceTextUnavailableError(
          err.code === 'ENOENT'
            ? `the source file "${file}" is not in the sources folder (${this.folder})`
            : `the source file "${file}" cannot be read: ${err.code ?? err.message}`,
        );
      });
    this.cache.set(full, reading);
    return reading;
  }

  /** The file's path inside the folder: a record read from Neo4j is only as safe as that database. */
  private resolve(file: string): string {
    const folder = this.folder;
    if (folder === undefined || !isDirectory(folder))
      throw new SourceTextUnavailableError(
        folder === undefined
          ? 'no sources folder is configured: set KG_SOURCES_DIR to the folder holding the source texts (default ../shared/seeds)'
          : `the sources folder ${folder} does not exist: set KG_SOURCES_DIR to the folder holding the source texts`,
      );
    const full = path.resolve(folder, file);
    if (path.dirname(full) !== folder || file.includes('\0'))
      throw new SourceTextUnavailableError(
        `the source file name "${file}" is not a plain file name in the sources folder`,
      );
    return full;
  }
}
