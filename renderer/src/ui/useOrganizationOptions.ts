import { useEffect, useState } from 'react';
import { organizationOptions, type RecordOption } from '../db/pickerOptions';
import { useUiStore } from '../state/uiStore';

/** Organizations for a RecordPicker, named in the reader's language; empty until they are read. */
export function useOrganizationOptions(): RecordOption[] {
  const language = useUiStore((s) => s.language);
  const [options, setOptions] = useState<RecordOption[]>([]);
  useEffect(() => {
    let cancelled = false;
    void organizationOptions(language).then((read) => !cancelled && setOptions(read));
    return () => {
      cancelled = true;
    };
  }, [language]);
  return options;
}
