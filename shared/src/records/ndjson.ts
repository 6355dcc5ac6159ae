import { entityTypeSchema } from '../domain/entities/entityTypes';
import { anyRecordSchema, type AnyRecord } from '../domain/entities/registry';
import { fieldIssuesFrom, type FieldIssue } from '../domain/issues';

/**
 * The NDJSON record format (docs/record-format.md): one record per line, a JSON object carrying its
 * own `entity`, so each line is validated on its own, with no context from the rest of the file.
 */

/**
 * One record as a line of NDJSON, without the line break: writers put `\n` after every line (the last
 * one included). JSON escapes line breaks inside strings, so a record never spans two lines.
 */
export function toNdjsonLine(record: AnyRecord): string {
  return JSON.stringify(record);
}

export interface LineIssue {
  /** The field, dotted (`title`, `details.kind`, `countries.1`); '' for the line as a whole. */
  path: string;
  /** An i18n key: the schema's own (`v.required`) or `v.` + zod's issue code (`v.invalid_type`); `v.json` for unparsable text. */
  message: string;
  params?: Record<string, string | number>;
}

export type ParsedLine =
  | { ok: true; record: AnyRecord }
  | { ok: false; lineNumber: number; error: { code: 'json' | 'schema'; issues: LineIssue[] } };

const BOM = '\uFEFF';

/**
 * Parses and validates one line. Never throws: a line that is not JSON, not an object, of an unknown
 * entity or invalid under its schema comes back as `ok: false` with the line number and field paths.
 * Blank lines are the caller's to skip (they are not records).
 */
export function parseRecordLine(line: string, lineNumber: number): ParsedLine {
  const text = line.startsWith(BOM) ? line.slice(1) : line;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(lineNumber, 'json', [{ path: '', message: 'v.json', params: { detail: detail.slice(0, 200) } }]);
  }
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(lineNumber, 'schema', [{ path: '', message: 'v.invalid_type', params: { expected: 'object' } }]);
    }
    const entity = (value as { entity?: unknown }).entity;
    if (!entityTypeSchema.safeParse(entity).success) {
      return fail(lineNumber, 'schema', [{ path: 'entity', message: 'v.entityType' }]);
    }
    const parsed = anyRecordSchema.safeParse(value);
    if (parsed.success) return { ok: true, record: parsed.data };
    return fail(lineNumber, 'schema', fieldIssuesFrom(parsed.error).map(toLineIssue));
  } catch (error) {
    // Schemas do not throw on data, but a line must never take the import down with it.
    const detail = error instanceof Error ? error.message : String(error);
    return fail(lineNumber, 'schema', [{ path: '', message: 'v.invalid', params: { detail: detail.slice(0, 200) } }]);
  }
}

function toLineIssue(issue: FieldIssue): LineIssue {
  return issue.params ? { path: issue.path, message: issue.message, params: issue.params } : { path: issue.path, message: issue.message };
}

function fail(lineNumber: number, code: 'json' | 'schema', issues: LineIssue[]): ParsedLine {
  return { ok: false, lineNumber, error: { code, issues } };
}

export interface LineSplitter {
  /** Feeds the next chunk of text; returns the lines it completed (without their `\n` / `\r\n`). */
  push(chunk: string): string[];
  /** Ends the input; returns the last line if the text did not end with a line break. */
  flush(): string[];
}

/**
 * Splits streamed text into lines, wherever the chunks happen to break: `\n` and `\r\n` both end a
 * line, a UTF-8 byte order mark at the very start is dropped, and blank lines are returned (as '')
 * so that line numbers stay those of the file.
 */
export function createLineSplitter(): LineSplitter {
  let pending: string[] = [];
  let started = false;
  const cut = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
  return {
    push(chunk: string): string[] {
      if (chunk.length === 0) return [];
      if (!started) {
        started = true;
        if (chunk.startsWith(BOM)) chunk = chunk.slice(1);
      }
      const lines: string[] = [];
      let from = 0;
      let newline = chunk.indexOf('\n');
      while (newline !== -1) {
        const piece = chunk.slice(from, newline);
        if (pending.length > 0) {
          pending.push(piece);
          lines.push(cut(pending.join('')));
          pending = [];
        } else {
          lines.push(cut(piece));
        }
        from = newline + 1;
        newline = chunk.indexOf('\n', from);
      }
      if (from < chunk.length) pending.push(chunk.slice(from));
      return lines;
    },
    flush(): string[] {
      const rest = pending.join('');
      pending = [];
      return rest.length > 0 ? [cut(rest)] : [];
    },
  };
}
