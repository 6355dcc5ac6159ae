/** A labelled progress bar; `value` of undefined shows work whose size is not known yet. */
export function ProgressBar({ label, value, max, detail }: { label: string; value?: number; max?: number; detail?: string }) {
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-label">
        <span>{label}</span>
        {detail && <span className="progress-detail">{detail}</span>}
      </div>
      <progress aria-label={label} value={value} max={max} />
    </div>
  );
}
