import { useId, useMemo, useState } from 'react';
import { matchesSplitQuery, splitQuery, splitSearchText, type SplitSearchText } from '@shared/search/normalize';

export interface PickerOption {
  id: string;
  label: string;
  /** Extra text to match on (acronym, romanized name) that is not shown. */
  keywords?: string;
  /** Already normalized text to match on, when the caller has it (saves normalizing thousands again). */
  search?: SplitSearchText;
}

const maxShown = 8;

/**
 * Chooses one record out of thousands by typing part of its name (any script), as an ARIA combobox.
 * A plain select would put every organization in one menu.
 */
export function RecordPicker({
  id,
  options,
  value,
  onChange,
  placeholder,
  clearLabel,
  unknownLabel = '?',
  invalid,
  describedBy,
  testId,
}: {
  id: string;
  options: readonly PickerOption[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  placeholder: string;
  clearLabel: string;
  /** Shown when the chosen record is not on this computer (it may arrive with the next sync). */
  unknownLabel?: string;
  invalid?: boolean;
  describedBy?: string;
  /** data-testid of the text box. */
  testId?: string;
}) {
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const selected = options.find((option) => option.id === value);
  const haystacks = useMemo(() => options.map((o) => o.search ?? splitSearchText([o.label, o.keywords])), [options]);
  const matches = useMemo(() => {
    const compiled = splitQuery(query);
    const found: PickerOption[] = [];
    for (let i = 0; i < options.length && found.length < maxShown; i += 1) {
      const haystack = haystacks[i];
      if (haystack && matchesSplitQuery(haystack, compiled)) found.push(options[i] as PickerOption);
    }
    return found;
  }, [options, haystacks, query]);

  const choose = (option: PickerOption) => {
    onChange(option.id);
    setQuery('');
    setOpen(false);
  };

  return (
    <div className="record-picker">
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        value={open ? query : (selected?.label ?? (value ? unknownLabel : ''))}
        placeholder={placeholder}
        data-testid={testId}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
          else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (event.key === 'Enter' && open && matches[active]) {
            event.preventDefault();
            choose(matches[active]);
          } else if (event.key === 'Escape') setOpen(false);
          else return;
          event.preventDefault();
        }}
      />
      {value && (
        <button type="button" className="link-button" onClick={() => onChange(undefined)}>
          {clearLabel}
        </button>
      )}
      {open && matches.length > 0 && (
        <ul id={listId} role="listbox" className="picker-options">
          {matches.map((option, index) => (
            <li
              key={option.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option);
              }}
            >
              {option.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
