import { useEffect, useMemo, useState } from 'react';
import { NavigationType, useLocation, useNavigationType, useSearchParams } from 'react-router';
import { emptyActivityFilter, type ActivityFilter } from '../../db/activityIndex';
import { useUiStore } from '../../state/uiStore';
import { changeFilter, filterFromSearch, searchFromFilter } from './activityFilterUrl';

/**
 * The activity list's filter, read from and written to the URL. Choosing a filter is a step in the
 * browser's history (Back undoes it); typing a search replaces the current step, so Back does not go
 * letter by letter. The search box keeps its own text while the URL catches up, so a fast typist never
 * loses a letter to a navigation still under way.
 */
export function useActivityFilter() {
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const navigationType = useNavigationType();
  const fromUrl = useMemo(() => filterFromSearch(searchParams), [searchParams]);
  const [text, setText] = useState(fromUrl.text);
  const [seenKey, setSeenKey] = useState(location.key);
  // A navigation from elsewhere (a link, Back, a cleared filter) brings its own text; our own replacements while typing do not.
  if (seenKey !== location.key) {
    setSeenKey(location.key);
    if (navigationType !== NavigationType.Replace) setText(fromUrl.text);
  }

  // The same filter object while only the URL's copy of the typed text catches up: the list is not queried twice per keystroke.
  const choices = JSON.stringify({ ...fromUrl, text: '' });
  const filter = useMemo((): ActivityFilter => ({ ...(JSON.parse(choices) as ActivityFilter), text }), [choices, text]);
  const remember = useUiStore((state) => state.setActivityFilter);
  useEffect(() => remember(filter), [filter, remember]);

  return {
    filter,
    setFilter(patch: Partial<ActivityFilter>) {
      const next = changeFilter(filter, patch);
      const onlyText = Object.keys(patch).every((key) => key === 'text');
      if (patch.text !== undefined) setText(patch.text);
      setSearchParams(searchFromFilter(next), { replace: onlyText });
    },
    clear() {
      setText('');
      setSearchParams(searchFromFilter(emptyActivityFilter));
    },
  };
}
