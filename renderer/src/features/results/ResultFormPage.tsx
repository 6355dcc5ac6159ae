import { pickText, resultTypes, type Activity } from '@shared/domain';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { FormSummary } from '../../ui/FormSummary';
import { useRecordForm } from '../../ui/useRecordForm';
import { ActivityMissing, FormLoading } from '../finance/formParts';
import { useActivity, useReturnPath } from '../finance/useActivity';
import { LocalizedFields } from './LocalizedFields';
import { emptyResultForm, resultToForm, titleErrorField, toResultDraft } from './resultForms';

/** /activities/:activityId/results/new and /results/:id/edit. */
export function ResultFormPage() {
  const { activityId, id } = useParams();
  const activity = useActivity(id ? undefined : activityId);
  if (id) return <ResultForm key={id} id={id} />;
  if (activity.phase === 'loading') return <FormLoading />;
  if (activity.phase === 'failed' || !activity.data) return <ActivityMissing />;
  return <ResultForm key="new" activity={activity.data} />;
}

function ResultForm({ id, activity }: { id?: string; activity?: Activity }) {
  const { t } = useTranslation('results');
  const language = useUiStore((s) => s.language);
  const navigate = useNavigate();
  const { values, update, phase, errors, saving, save, formRef } = useRecordForm({
    entity: 'result',
    id,
    empty: () => emptyResultForm(activity?.id ?? ''),
    fromRecord: resultToForm,
    toDraft: toResultDraft,
    errorField: titleErrorField,
  });
  const owner = useActivity(values.activityId || undefined);
  const back = useReturnPath(values.activityId || activity?.id);

  if (phase === 'loading') return <FormLoading />;
  if (phase === 'missing' || phase === 'failed')
    return (
      <section className="page">
        <h1>{phase === 'missing' ? t('form.resultNotFound') : t('common:form.loadFailed')}</h1>
        <Link to="/activities">{t('finance:form.backToActivities')}</Link>
      </section>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save()) navigate(back, { state: { saved: true } });
  };
  const activityTitle = owner.phase === 'ready' && owner.data ? pickText(owner.data.title, language) : '';

  return (
    <section className="page" aria-labelledby="result-form-heading">
      <div className="page-header">
        <div>
          {activityTitle && <p className="eyebrow">{activityTitle}</p>}
          <h1 id="result-form-heading">{id ? t('form.editResult') : t('form.newResult')}</h1>
        </div>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="form" data-testid="result-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        <fieldset className="form-section">
          <legend>{t('form.result')}</legend>
          <div className="form-grid">
            <Field label={t('fields.resultType')} error={errors.resultType} hint={t('form.resultTypeHint')} required>
              {(props) => (
                <select {...props} value={values.resultType} onChange={(e) => update({ resultType: e.target.value })} data-testid="result-type">
                  {resultTypes.map((type) => (
                    <option key={type} value={type}>
                      {t(`resultTypes.${type}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <LocalizedFields
            testIdPrefix="result"
            localLanguage={values.localLanguage}
            onLocalLanguage={(localLanguage) => update({ localLanguage })}
            fields={[
              { name: 'title', label: t('fields.title'), labelIn: (l) => t('fields.titleIn', { language: l }), value: values.title, onChange: (title) => update({ title }), error: errors.title, required: true },
              {
                name: 'description',
                label: t('fields.description'),
                labelIn: (l) => t('fields.descriptionIn', { language: l }),
                value: values.description,
                onChange: (description) => update({ description }),
                error: errors.description,
                multiline: true,
              },
            ]}
          />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving} data-testid="save-result">
            {saving ? t('form.saving') : t('form.saveResult')}
          </button>
          <Link className="button" to={back}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
