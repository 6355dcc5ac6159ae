import type { ReactNode } from 'react';

/**
 * A message above or inside a form: errors are announced at once by screen readers (role "alert"),
 * confirmations politely (role "status"). Renders nothing without a message, so callers pass what may
 * be empty instead of wrapping each notice in a condition.
 */
export function Notice({ kind, children, testId }: { kind: 'error' | 'success'; children?: ReactNode; testId?: string }) {
  if (children === undefined || children === null || children === false || children === '') return null;
  return (
    <p className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </p>
  );
}
