import { formLevel } from './useRecordForm';

/**
 * What stands between the person and a saved record, at the top of the form: how many fields need
 * attention, and any problem that belongs to no field (the record was changed or deleted meanwhile).
 * It takes focus when nothing else can, so a screen reader hears it.
 */
export function FormSummary({ errors, fieldsMessage }: { errors: Record<string, string>; fieldsMessage: (count: number) => string }) {
  const fieldCount = Object.keys(errors).filter((path) => path !== formLevel).length;
  const general = errors[formLevel];
  if (fieldCount === 0 && !general) return null;
  return (
    <div className="form-summary" role="alert" tabIndex={-1} data-testid="form-summary">
      {general && <p>{general}</p>}
      {fieldCount > 0 && <p>{fieldsMessage(fieldCount)}</p>}
    </div>
  );
}
