export interface FilterOption {
  value: string;
  label: string;
  /** Sub-items (a priority area's sub-fields) are indented under their parent. */
  indent?: boolean;
}

/** One filter of a list: a labelled select whose first choice is "any". */
export function FilterSelect({
  label,
  anyLabel,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  anyLabel: string;
  value: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
  testId?: string;
}) {
  return (
    <label>
      <span className="filter-label">{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.indent ? '\u2003' : ''}
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
