/** The free-text search of a list's filters bar. Its label is for screen readers only unless `showLabel`. */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
  testId,
  showLabel = false,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (text: string) => void;
  testId?: string;
  showLabel?: boolean;
}) {
  return (
    <label className="search-field">
      <span className={showLabel ? 'filter-label' : 'visually-hidden'}>{label}</span>
      <input type="search" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  );
}
