import type { z } from 'zod';

/**
 * A problem with one field, in a form every layer can show: `path` names the field (`details.capacity`,
 * `countries.1`), `message` is an i18n key (`v.required`) and `params` fills its placeholders.
 */
export interface FieldIssue {
  path: string;
  message: string;
  params?: Record<string, string | number>;
}

/** Turns zod's issues into FieldIssues whose messages are always translatable keys. */
export function fieldIssuesFrom(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.message.startsWith('v.')) return { path, message: issue.message, ...paramsOf(issue) };
    return { path, message: `v.${issue.code}`, ...paramsOf(issue) };
  });
}

function paramsOf(issue: z.core.$ZodIssue): { params?: Record<string, string | number> } {
  if (issue.code === 'too_small') return { params: { minimum: Number(issue.minimum) } };
  if (issue.code === 'too_big') return { params: { maximum: Number(issue.maximum) } };
  return {};
}

/** The first issue for each field, keyed by path: what a form shows next to each input. */
export function issuesByPath(issues: readonly FieldIssue[]): Record<string, FieldIssue> {
  const byPath: Record<string, FieldIssue> = {};
  for (const issue of issues) byPath[issue.path] ??= issue;
  return byPath;
}
