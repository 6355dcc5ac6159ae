import type { EntityRecord } from '@shared/domain';
import type { ComponentType, FormEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { FormSummary } from './FormSummary';
import { RecordLoading, RecordMissing } from './RecordStates';
import { useLiveRecord } from './useLiveRecord';

type OwnerEntity = 'activity' | 'result' | 'indicator';

/** The props of a form for a record under an owner: `id` when editing, else the `owner` a new record starts from. */
export interface ChildFormProps<O extends OwnerEntity> {
  id?: string;
  owner?: EntityRecord<O>;
}

/**
 * The route of a form for a record that belongs to another (a budget to its activity, a period to its
 * indicator): `/…/:id/edit` edits the record; otherwise the owner named by `ownerParam` is read first, as a
 * new record starts from its values (an activity's currency). Each record gets a fresh form: going from
 * one budget to a new one never carries values over.
 */
export function ChildRecordPage<O extends OwnerEntity>({ owner, ownerParam, ownerMissing, form: Form }: { owner: O; ownerParam: string; ownerMissing: string; form: ComponentType<ChildFormProps<O>> }) {
  const params = useParams();
  const { id } = params;
  const ownerRecord = useLiveRecord(owner, id ? undefined : params[ownerParam]);
  if (id) return <Form key={id} id={id} />;
  if (ownerRecord.phase === 'loading') return <RecordLoading />;
  if (ownerRecord.phase === 'failed' || !ownerRecord.data) return <RecordMissing message={ownerMissing} />;
  return <Form key="new" owner={ownerRecord.data} />;
}

/** Where a form returns after saving or cancelling: the page that opened it, else the activity's page. */
function useReturnPath(activityId: string): string {
  const location = useLocation();
  const back = (location.state as { back?: unknown } | null)?.back;
  if (typeof back === 'string' && back.startsWith('/')) return back;
  return activityId ? `/activities/${activityId}` : '/activities';
}

/** What `useRecordForm` answers that the page around the fields needs. */
interface RecordFormState {
  /** Its values name the activity the record belongs to (blank until read): where Save and Cancel return by default. */
  values: { activityId: string };
  phase: 'loading' | 'missing' | 'failed' | 'ready';
  errors: Record<string, string>;
  saving: boolean;
  /** Approved or accepted in review: Save is disabled (and `save` would refuse). */
  locked?: boolean;
  save: () => Promise<unknown>;
  formRef: RefObject<HTMLFormElement | null>;
}

/**
 * The page around the fields of a record under an activity: the states before there is a form (loading,
 * not found, unreadable), the owner's title above the heading, the summary of problems, and Save — which
 * goes back where the form was opened from — and Cancel. `name` makes the ids: `<name>-form`, `save-<name>`.
 */
export function ChildRecordForm({
  form: { values, phase, errors, saving, locked, save, formRef },
  name,
  heading,
  eyebrow,
  notFound,
  saveLabel,
  children,
}: {
  form: RecordFormState;
  name: string;
  heading: string;
  /** The owner's title, once read. */
  eyebrow?: string;
  notFound: string;
  saveLabel: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const back = useReturnPath(values.activityId);

  if (phase === 'loading') return <RecordLoading />;
  if (phase === 'missing' || phase === 'failed') return <RecordMissing message={phase === 'missing' ? notFound : t('form.loadFailed')} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save()) navigate(back, { state: { saved: true } });
  };
  const headingId = `${name}-form-heading`;

  return (
    <section className="page" aria-labelledby={headingId}>
      <div className="page-header">
        <div>
          {eyebrow && <p className="eyebrow">{eyebrow}</p>}
          <h1 id={headingId}>{heading}</h1>
        </div>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid={`${name}-form`}>
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        {children}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || locked} data-testid={`save-${name}`}>
            {saving ? t('form.saving') : saveLabel}
          </button>
          <Link className="button" to={back}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
