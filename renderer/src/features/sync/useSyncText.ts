import { isApiFailure } from '@shared/api/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Codes the desk translates under `api.`: every server ApiErrorCode and the client's own. */
export function useFailureText(): (code: string) => string {
  const { t } = useTranslation('sync');
  return (code) => t(`api.${code}`, { defaultValue: t('api.internal') });
}

/** The failure code of anything a sync call threw (a storage error is 'local'). */
export const failureCode = (error: unknown): string => (isApiFailure(error) ? error.code : 'local');

/** The current time, moving on every `everyMs`: for "5 minutes ago" that stays true. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
