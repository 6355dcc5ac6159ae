import { countries, findCountry, issuesByPath, pickText, type FieldIssue, type FieldReport, type Indicator } from '@shared/domain';
import { isLocked } from '@shared/workflow';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { AttachmentTooLargeError } from '../../db/blobs';
import { activitySummary, fieldReportDetail, indicatorsOfActivity } from '../../db/fieldReports';
import { dropUnusedDraftBlobs, formDraftStore } from '../../db/formDrafts';
import { activityOptions, type RecordOption } from '../../db/pickerOptions';
import { useIssueText, useLabel } from '../../i18n';
import { usePrincipal } from '../../state/principal';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { formatDateTime, formatNumber, localToday } from '../../ui/format';
import { FormSummary } from '../../ui/FormSummary';
import { Notice } from '../../ui/Notice';
import { ProgressBar } from '../../ui/ProgressBar';
import { RecordPicker } from '../../ui/RecordPicker';
import { useFormDraft } from '../../ui/useFormDraft';
import { useWorkflowStatus } from '../../ui/useWorkflowStatus';
import { formLevel } from '../../ui/useRecordForm';
import { RecordLockNotice } from '../review/RecordLockNotice';
import { useRepositoryData } from '../history/useRepositoryData';
import { BlobImage } from './BlobImage';
import { defaultCountry, draftKeyOf, emptyFieldReportForm, fieldReportToForm, movePhoto, parseCoordinates, type FieldReportFormValues, type FormPhoto } from './fieldReportForm';
import { locate, type LocationFailure, type LocationFix } from './geolocation';
import { takePhoto, withPhotos } from './photos';
import { checkFieldReport, saveFieldReport } from './saveFieldReport';
import './fieldReports.css';

export function FieldReportFormPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  // A fresh form for each record: going from editing one report to a new one never carries values over.
  return <FieldReportForm key={id ?? `new:${params.get('activity') ?? ''}`} id={id} presetActivity={params.get('activity') ?? ''} />;
}

type Loaded = { phase: 'loading' } | { phase: 'missing' } | { phase: 'failed'; message: string } | { phase: 'ready'; original?: FieldReport; initial: FieldReportFormValues };

type LocationState = { phase: 'idle' } | { phase: 'locating' } | { phase: 'fixed'; fix: LocationFix } | { phase: 'failed'; reason: LocationFailure };

function FieldReportForm({ id, presetActivity }: { id: string | undefined; presetActivity: string }) {
  const { t } = useTranslation('fieldReports');
  const label = useLabel();
  const issueText = useIssueText();
  const language = useUiStore((s) => s.language);
  const photoMaxDimension = useUiStore((s) => s.photoMaxDimension);
  const photoQuality = useUiStore((s) => s.photoQuality);
  const principal = usePrincipal();
  const navigate = useNavigate();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);

  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [values, setValues] = useState<FieldReportFormValues>(() => emptyFieldReportForm(localToday()));
  const [attempted, setAttempted] = useState(false);
  const [saveIssues, setSaveIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [lockedOnSave, setLockedOnSave] = useState(false);
  const [place, setPlace] = useState<LocationState>({ phase: 'idle' });
  const [photoWork, setPhotoWork] = useState<{ done: number; total: number } | undefined>();
  const [photoProblems, setPhotoProblems] = useState<string[]>([]);
  const [activities, setActivities] = useState<RecordOption[]>([]);
  const [activityCountries, setActivityCountries] = useState<{ activityId: string; countries: string[] }>({ activityId: '', countries: [] });
  const [staleDraft, setStaleDraft] = useState(false);
  /** Bytes this form stored (or found in its draft): those left unused after saving or discarding are dropped. */
  const storedHere = useRef(new Set<string>());

  // The record (or the defaults of a new one): the values a draft is compared with.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        if (id) {
          const detail = await fieldReportDetail(id);
          if (cancelled) return;
          if (!detail) return setLoaded({ phase: 'missing' });
          const initial = fieldReportToForm(detail.report, detail.photoDocuments);
          setValues(initial);
          setLoaded({ phase: 'ready', original: detail.report, initial });
          return;
        }
        const activity = presetActivity ? await activitySummary(presetActivity) : undefined;
        if (cancelled) return;
        const initial = emptyFieldReportForm(localToday(), activity ? presetActivity : '', activity ? defaultCountry(activity.countries, principal?.countries) : '');
        setValues(initial);
        setLoaded({ phase: 'ready', initial });
      } catch (error) {
        if (!cancelled) setLoaded({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
    // The officer's countries only choose a default once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, presetActivity]);

  useEffect(() => {
    let cancelled = false;
    void activityOptions(language).then((options) => !cancelled && setActivities(options));
    return () => {
      cancelled = true;
    };
  }, [language]);

  const original = loaded.phase === 'ready' ? loaded.original : undefined;
  const restore = useCallback(
    (restored: FieldReportFormValues) => {
      // A draft from an older version of this form may lack fields added since: the defaults fill them.
      const next = { ...emptyFieldReportForm(localToday()), ...restored };
      next.photos.forEach((photo) => photo.sha256 && storedHere.current.add(photo.sha256));
      setStaleDraft(Boolean(original) && next.basedOn !== original?.updatedAt);
      setValues(next);
    },
    [original],
  );
  const draft = useFormDraft(loaded.phase === 'ready' ? draftKeyOf(id) : undefined, values, restore);

  const chosenActivity = values.activityId;
  useEffect(() => {
    if (!chosenActivity) return;
    let cancelled = false;
    void activitySummary(chosenActivity).then((summary) => !cancelled && setActivityCountries({ activityId: chosenActivity, countries: summary?.countries ?? [] }));
    return () => {
      cancelled = true;
    };
  }, [chosenActivity]);
  const countriesOfActivity = activityCountries.activityId === chosenActivity ? activityCountries.countries : [];

  const indicators = useRepositoryData(
    `indicators:${chosenActivity}`,
    () => (chosenActivity ? indicatorsOfActivity(chosenActivity) : Promise.resolve([] as Indicator[])),
    (changes) => changes.some((change) => change.entity === 'indicator'),
  );
  const workflow = useWorkflowStatus('fieldReport', id);
  const locked = lockedOnSave || (workflow !== undefined && isLocked(workflow.state));

  const liveIssues = useMemo(() => (attempted ? checkFieldReport(values) : []), [attempted, values]);
  const errors: Record<string, string> = {};
  for (const [path, issue] of Object.entries(issuesByPath([...liveIssues, ...saveIssues]))) errors[path] ??= issueText(issue.message, issue.params);

  const update = (patch: Partial<FieldReportFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setSaveIssues([]);
  };

  if (loaded.phase === 'loading') return <p className="page muted">{t('form.loading')}</p>;
  if (loaded.phase === 'missing' || loaded.phase === 'failed')
    return (
      <section className="page">
        <h1>{loaded.phase === 'missing' ? t('detail.notFound') : t('form.loadFailed')}</h1>
        <Link to="/field-reports">{t('detail.backToList')}</Link>
      </section>
    );

  const chooseActivity = async (activityId: string | undefined) => {
    const next = activityId ?? '';
    if (next === values.activityId) return;
    const summary = next ? await activitySummary(next) : undefined;
    setValues((current) => ({
      ...current,
      activityId: next,
      // Another activity has other indicators; its countries decide the report's.
      indicatorValues: {},
      country: summary && !summary.countries.includes(current.country) ? defaultCountry(summary.countries, principal?.countries) : current.country,
    }));
    setSaveIssues([]);
  };

  const locateHere = async () => {
    setPlace({ phase: 'locating' });
    const result = await locate();
    if (!result.ok) return setPlace({ phase: 'failed', reason: result.reason });
    setPlace({ phase: 'fixed', fix: result.fix });
    update({
      latitude: String(result.fix.latitude),
      longitude: String(result.fix.longitude),
      accuracyMeters: String(result.fix.accuracyMeters),
      locationSource: 'device',
    });
  };

  /** Typing coordinates makes them typed ones; a pair pasted into one field fills both. */
  const typeCoordinate = (field: 'latitude' | 'longitude', text: string) => {
    const pair = parseCoordinates(text);
    const fromDevice = values.locationSource === 'device';
    const typed = { locationSource: 'typed' as const, ...(fromDevice ? { accuracyMeters: '' } : {}) };
    if (pair) update({ latitude: String(pair.latitude), longitude: String(pair.longitude), ...typed });
    else update({ [field]: text, ...typed });
    if (fromDevice) setPlace({ phase: 'idle' });
  };

  const addPhotos = async (files: File[]) => {
    if (files.length === 0) return;
    setPhotoProblems([]);
    setPhotoWork({ done: 0, total: files.length });
    const problems: string[] = [];
    for (const [index, file] of files.entries()) {
      try {
        const photo = await takePhoto(file, photoMaxDimension, photoQuality);
        storedHere.current.add(photo.sha256);
        setValues((current) => ({ ...current, photos: withPhotos(current.photos, [photo]) }));
      } catch (error) {
        problems.push(
          error instanceof AttachmentTooLargeError
            ? t('form.photoTooLarge', { name: file.name })
            : t('form.photoFailed', { name: file.name, message: error instanceof Error ? error.message : String(error) }),
        );
      }
      setPhotoWork({ done: index + 1, total: files.length });
    }
    setPhotoProblems(problems);
    setPhotoWork(undefined);
  };

  const setPhoto = (index: number, patch: Partial<FormPhoto>) =>
    update({ photos: values.photos.map((photo, i) => (i === index ? { ...photo, ...patch } : photo)) });

  const dropUnused = (kept: readonly FormPhoto[]) => {
    const keep = new Set(kept.map((photo) => photo.sha256));
    // Best effort: bytes left behind are only space, and they go with the next upload anyway.
    void dropUnusedDraftBlobs([...storedHere.current].filter((sha256) => !keep.has(sha256))).catch(() => undefined);
  };

  const discardDraft = async () => {
    await draft.discard();
    setStaleDraft(false);
    setAttempted(false);
    setSaveIssues([]);
    dropUnused(loaded.initial.photos);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locked || saving || photoWork) return;
    setSaving(true);
    try {
      // The draft on disk is the one saving moves to the new report's key (saveFieldReport): nothing pending may follow it.
      await draft.flush();
      const outcome = await saveFieldReport(values, original);
      if (outcome.ok) {
        await draft.clear();
        dropUnused(outcome.values.photos);
        navigate(`/field-reports/${outcome.report.id}`, { state: { saved: true } });
        return;
      }
      if (outcome.report && !id) {
        // The report is stored, a photo is not: carry on from its own edit page, where this draft is restored.
        // The report exists: go to its edit page whatever happens to the drafts (saving there never creates
        // another report; saveFieldReport already moved the draft to the report's key).
        try {
          await formDraftStore().save(draftKeyOf(outcome.report.id), { ...outcome.values, basedOn: outcome.report.updatedAt });
          await draft.clear();
        } catch (error) {
          console.warn(`field report ${outcome.report.id}: its draft was not kept (${error instanceof Error ? error.message : String(error)})`);
        }
        navigate(`/field-reports/${outcome.report.id}/edit`, { state: { incomplete: true } });
        return;
      }
      if (outcome.report && outcome.values) {
        setLoaded({ phase: 'ready', original: outcome.report, initial: loaded.initial });
        setValues({ ...outcome.values, basedOn: outcome.report.updatedAt });
      }
      if (outcome.locked) setLockedOnSave(true);
      setAttempted(true);
      setSaveIssues(outcome.issues);
    } catch (error) {
      // The store itself failed (disk full): say so; the form and its draft keep every value.
      setSaveIssues([{ path: formLevel, message: t('form.saveFailed', { message: error instanceof Error ? error.message : String(error) }) }]);
    } finally {
      setSaving(false);
    }
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-summary, .notice.error')?.focus());
  };

  const countryOptions = countriesOfActivity.length > 0 ? countriesOfActivity : countries.map((c) => c.code);
  if (values.country && !countryOptions.includes(values.country)) countryOptions.push(values.country);
  const indicatorList = indicators.phase === 'ready' ? indicators.data : [];
  const unknownIndicators = Object.keys(values.indicatorValues).filter((indicatorId) => !indicatorList.some((indicator) => indicator.id === indicatorId));

  return (
    <section className="page field-report-form" aria-labelledby="field-report-form-heading">
      <div className="page-header">
        <h1 id="field-report-form-heading">{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      </div>
      <RecordLockNotice entity="fieldReport" recordId={id} />
      <Notice kind="error" testId="fr-incomplete">
        {(location.state as { incomplete?: boolean } | null)?.incomplete && t('form.incomplete')}
      </Notice>
      {draft.restoredAt && (
        <div className="notice success draft-notice" role="status" data-testid="fr-draft-restored">
          <span>{t('form.draftRestored', { time: formatDateTime(draft.restoredAt, language) })}</span>
          {staleDraft && <span> {t('form.draftStale')}</span>}{' '}
          <button type="button" className="button" onClick={() => void discardDraft()} data-testid="fr-discard-draft">
            {t('form.discardDraft')}
          </button>
        </div>
      )}
      <form ref={formRef} onSubmit={submit} onBlur={() => void draft.flush()} noValidate className="form" data-testid="fr-form">
        <FormSummary errors={errors} fieldsMessage={(count) => t('form.fixErrors', { count })} />
        {/* A locked report (approved, accepted) is shown, not edited: every field is disabled at once. */}
        <fieldset className="form-body" disabled={locked} data-testid="fr-fields">
          <fieldset className="form-section">
            <legend>{t('form.visit')}</legend>
            <div className="form-grid">
              <Field label={t('fields.activity')} error={errors.activityId} required>
                {(props) => (
                  <RecordPicker
                      id={props.id}
                      invalid={props['aria-invalid']}
                      describedBy={props['aria-describedby']}
                      options={activities}
                      value={values.activityId || undefined}
                      onChange={(activityId) => void chooseActivity(activityId)}
                      placeholder={t('form.typeToSearch')}
                      clearLabel={t('form.clear')}
                      unknownLabel={t('form.unknownActivity')}
                      testId="fr-activity"
                    />
                )}
              </Field>
              <Field label={t('fields.country')} error={errors.country} required>
                {(props) => (
                  <select {...props} value={values.country} onChange={(e) => update({ country: e.target.value })} data-testid="fr-country">
                    <option value="">{t('form.chooseCountry')}</option>
                    {countryOptions.map((code) => (
                      <option key={code} value={code}>
                        {label(findCountry(code)?.label) || code}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('fields.visitDate')} error={errors.visitDate} required>
                {(props) => <input {...props} type="date" value={values.visitDate} onChange={(e) => update({ visitDate: e.target.value })} data-testid="fr-visit-date" />}
              </Field>
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.location')}</legend>
            <p className="actions">
              <button type="button" className="button" onClick={() => void locateHere()} disabled={place.phase === 'locating'} data-testid="fr-use-location">
                {place.phase === 'locating' ? t('form.locating') : t('form.useLocation')}
              </button>
            </p>
            <p className={place.phase === 'failed' ? 'notice error' : 'muted'} role="status" data-testid="fr-location-status" data-phase={place.phase}>
              {place.phase === 'fixed'
                ? t('form.fixTaken', { accuracy: formatNumber(place.fix.accuracyMeters, language), time: formatDateTime(new Date(place.fix.at).toISOString(), language) })
                : place.phase === 'failed'
                  ? t(`form.locationFailed.${place.reason}`)
                  : place.phase === 'locating'
                    ? t('form.locatingHint')
                    : t('form.locationHint')}
            </p>
            <div className="form-grid four">
              <Field label={t('fields.latitude')} error={errors.latitude} hint={t('form.pasteHint')}>
                {(props) => (
                  <input {...props} inputMode="decimal" value={values.latitude} onChange={(e) => typeCoordinate('latitude', e.target.value)} data-testid="fr-latitude" />
                )}
              </Field>
              <Field label={t('fields.longitude')} error={errors.longitude}>
                {(props) => (
                  <input {...props} inputMode="decimal" value={values.longitude} onChange={(e) => typeCoordinate('longitude', e.target.value)} data-testid="fr-longitude" />
                )}
              </Field>
              <Field label={t('fields.accuracyMeters')} error={errors.accuracyMeters}>
                {(props) => (
                  <input {...props} inputMode="decimal" value={values.accuracyMeters} onChange={(e) => update({ accuracyMeters: e.target.value })} data-testid="fr-accuracy" />
                )}
              </Field>
              <Field label={t('fields.placeName')} error={errors.placeName}>
                {(props) => <input {...props} value={values.placeName} onChange={(e) => update({ placeName: e.target.value })} data-testid="fr-place-name" />}
              </Field>
            </div>
            <p className="muted" data-testid="fr-location-source">
              {values.latitude || values.longitude ? t(`source.${values.locationSource}`) : ''}
            </p>
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('fields.narrative')}</legend>
            <Field label={t('form.narrativeLabel')} error={errors.narrative} hint={t('form.narrativeHint')}>
              {(props) => <textarea {...props} rows={8} value={values.narrative} onChange={(e) => update({ narrative: e.target.value })} data-testid="fr-narrative" />}
            </Field>
          </fieldset>

          <fieldset className="form-section" data-testid="fr-indicators">
            <legend>{t('fields.indicatorValues')}</legend>
            {!values.activityId ? (
              <p className="muted">{t('form.chooseActivityFirst')}</p>
            ) : indicatorList.length === 0 && unknownIndicators.length === 0 ? (
              <p className="muted">{indicators.phase === 'loading' ? t('form.loading') : t('form.noIndicators')}</p>
            ) : (
              <div className="indicator-rows">
                {[...indicatorList.map((indicator) => ({ id: indicator.id, name: pickText(indicator.title, language), unit: indicator.unit })), ...unknownIndicators.map((indicatorId) => ({ id: indicatorId, name: t('form.unknownIndicator'), unit: undefined }))].map(
                  (indicator) => {
                    const entry = values.indicatorValues[indicator.id] ?? { value: '', note: '' };
                    const setEntry = (patch: Partial<typeof entry>) => update({ indicatorValues: { ...values.indicatorValues, [indicator.id]: { ...entry, ...patch } } });
                    return (
                      <fieldset key={indicator.id} className="indicator-row" data-testid="fr-indicator" data-indicator-id={indicator.id}>
                        <legend>
                          {indicator.name}
                          {indicator.unit ? <span className="muted"> ({indicator.unit})</span> : null}
                        </legend>
                        <div className="form-grid">
                          <Field label={t('fields.value')} error={errors[`indicator.${indicator.id}`]}>
                            {(props) => <input {...props} inputMode="decimal" value={entry.value} onChange={(e) => setEntry({ value: e.target.value })} data-testid="fr-indicator-value" />}
                          </Field>
                          <Field label={t('fields.note')}>
                            {(props) => <input {...props} value={entry.note} onChange={(e) => setEntry({ note: e.target.value })} data-testid="fr-indicator-note" />}
                          </Field>
                        </div>
                      </fieldset>
                    );
                  },
                )}
              </div>
            )}
          </fieldset>

          <fieldset className="form-section" data-testid="fr-photos">
            <legend>{t('fields.photos')}</legend>
            <p className="actions">
              <label className={`button file-input${photoWork ? ' disabled' : ''}`}>
                {t('form.addPhotos')}
                <input
                  className="visually-hidden"
                  type="file"
                  accept="image/*"
                  capture="environment"
                  multiple
                  disabled={Boolean(photoWork)}
                  onChange={(event) => {
                    const files = [...(event.target.files ?? [])];
                    event.target.value = '';
                    void addPhotos(files);
                  }}
                  data-testid="fr-photo-input"
                />
              </label>
            </p>
            <p className="field-hint">{t('form.photoHint', { size: photoMaxDimension })}</p>
            {photoWork && <ProgressBar label={t('form.preparingPhotos')} value={photoWork.done} max={photoWork.total} detail={`${photoWork.done} / ${photoWork.total}`} />}
            {photoProblems.map((problem) => (
              <p key={problem} className="notice error" role="alert" data-testid="fr-photo-problem">
                {problem}
              </p>
            ))}
            {errors.photos && <p className="field-error">{errors.photos}</p>}
            {values.photos.length > 0 && (
              <ol className="photo-list">
                {values.photos.map((photo, index) => (
                  <li key={photo.sha256 || photo.documentId} className="photo-item" data-testid="fr-photo">
                    <BlobImage file={photo} alt={photo.caption || t('form.photoAlt', { number: index + 1 })} className="photo-thumb" missing={t('form.photoMissing')} />
                    <div className="photo-fields">
                      <Field label={t('fields.caption', { number: index + 1 })} error={errors[`photo.${index}`]}>
                        {(props) => <input {...props} value={photo.caption} onChange={(e) => setPhoto(index, { caption: e.target.value })} data-testid="fr-photo-caption" />}
                      </Field>
                      <p className="actions">
                        <button type="button" className="button" onClick={() => update({ photos: movePhoto(values.photos, index, -1) })} disabled={index === 0} aria-label={t('form.moveUp', { number: index + 1 })}>
                          ↑ {t('form.up')}
                        </button>
                        <button
                          type="button"
                          className="button"
                          onClick={() => update({ photos: movePhoto(values.photos, index, 1) })}
                          disabled={index === values.photos.length - 1}
                          aria-label={t('form.moveDown', { number: index + 1 })}
                        >
                          ↓ {t('form.down')}
                        </button>
                        <button
                          type="button"
                          className="button danger"
                          onClick={() => update({ photos: values.photos.filter((_, i) => i !== index) })}
                          aria-label={t('form.removePhoto', { number: index + 1 })}
                          data-testid="fr-photo-remove"
                        >
                          {t('form.remove')}
                        </button>
                      </p>
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </fieldset>

        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || locked || Boolean(photoWork) || !draft.ready} data-testid="fr-save">
            {saving ? t('form.saving') : t('form.save')}
          </button>
          <Link className="button" to={id ? `/field-reports/${id}` : '/field-reports'}>
            {t('form.cancel')}
          </Link>
          <span className="muted draft-status" data-testid="fr-draft-status" data-saved-at={draft.savedAt ?? ''}>
            {draft.failed ? t('form.draftFailed') : draft.savedAt ? t('form.draftSaved', { time: formatDateTime(draft.savedAt, language) }) : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
