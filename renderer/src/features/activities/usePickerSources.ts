import { useEffect, useState } from 'react';
import { activityOptions, organizationOptions, personOptions, type RecordOption } from '../../db/pickerOptions';
import { matchOptions } from '../../db/technology';
import type { PickerSources } from './KindDetailsSection';

type Sources = PickerSources & { parents: RecordOption[] };
const none: Sources = { organizations: [], people: [], trainingCenters: [], matches: [], parents: [] };

/** Loads what the form's record pickers choose from, once per form and language. */
export function usePickerSources(language: string, unknownLabel: string): Sources {
  const [sources, setSources] = useState<Sources>(none);
  useEffect(() => {
    let cancelled = false;
    void Promise.all([
      organizationOptions(language),
      personOptions(),
      activityOptions(language, 'training-center'),
      matchOptions(language, unknownLabel),
      activityOptions(language),
    ]).then(([organizations, people, trainingCenters, matches, parents]) => {
      if (!cancelled) setSources({ organizations, people, trainingCenters, matches, parents });
    });
    return () => {
      cancelled = true;
    };
  }, [language, unknownLabel]);
  return sources;
}
