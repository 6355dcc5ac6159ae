import type { FieldIssue, FieldReport } from '@shared/domain';
import { isLocked } from '@shared/workflow';
import { createDocument, documentById, removeDocument, updateCaption } from '../../db/documents';
import { workflowStatusOf } from '../../db/workflow';
import { formDraftStore, moveDraft } from '../../db/formDrafts';
import { getStore, type Store } from '../../db/store';
import { draftKeyOf, fieldOfIssue, formIssues, toFieldReportDraft, type FieldReportFormValues } from './fieldReportForm';

type SaveStore = Pick<Store, 'db' | 'repository'>;

export type SaveOutcome =
  | { ok: true; report: FieldReport; values: FieldReportFormValues }
  | {
      ok: false;
      /** Problems by form field (`latitude`, `indicator.<id>`, `photo.<index>`; '' for the form as a whole). */
      issues: FieldIssue[];
      /** The record is submitted, approved or accepted: nobody edits it until it is returned or unlocked. */
      locked?: boolean;
      /**
       * Set when the report was stored but not everything after it (a photo's document): the form goes on
       * from this record, with `values` (the photos saved so far carry their document ids).
       */
      report?: FieldReport;
      values?: FieldReportFormValues;
    };

const onFields = (issues: readonly FieldIssue[], values: FieldReportFormValues): FieldIssue[] =>
  issues.map((issue) => ({ ...issue, path: fieldOfIssue(issue.path, values) }));

/** Every problem the form can show before anything is written: its own checks, then the shared schema's. */
export function checkFieldReport(values: FieldReportFormValues, store: SaveStore = getStore()): FieldIssue[] {
  const own = formIssues(values);
  const schema = onFields(store.repository.validateDraft('fieldReport', toFieldReportDraft(values)), values);
  const seen = new Set(own.map((issue) => issue.path));
  return [...own, ...schema.filter((issue) => !seen.has(issue.path))];
}

/**
 * Saves a report from the form, through the one write path: the report first (a new one needs its id),
 * then a document for each photo stored since (its bytes are already on this computer), then the report
 * again listing its photos in the form's order with their captions. Photos taken off the report lose
 * their document. `original` is the stored version the form was opened on (undefined for a new report):
 * a report changed meanwhile elsewhere is not overwritten silently. A new report's form draft
 * (`fieldReport:new`) moves to the report's key as soon as the report is created, and goes once all is saved.
 */
export async function saveFieldReport(values: FieldReportFormValues, original: FieldReport | undefined, store: SaveStore = getStore()): Promise<SaveOutcome> {
  const issues = checkFieldReport(values, store);
  if (issues.length > 0) return { ok: false, issues };
  if (original && isLocked((await workflowStatusOf(store.db, 'fieldReport', original.id)).state)) return { ok: false, issues: [], locked: true };

  const first = original
    ? await store.repository.replace('fieldReport', original.id, toFieldReportDraft(values), original.updatedAt)
    : await store.repository.create('fieldReport', toFieldReportDraft(values));
  if (!first.ok) return { ok: false, issues: onFields(first.issues, values) };
  let report = first.record;
  const target = { entity: 'fieldReport' as const, recordId: report.id };
  // The report exists from now on: its form's draft becomes this report's at once, so that a crash before
  // the end reopens the edit of this report (its photos are then attached by that save), never a new one.
  if (!original) await keepDraftOn(report, values, store);

  // Documents for the new photos, and captions kept in step on those already saved. From here on the report
  // exists: whatever fails (a full disk) is an incomplete save of THIS report, never an error that leaves the
  // form on a new report (saving again would create a second one).
  const photos = [...values.photos];
  try {
    let failure: FieldIssue[] | undefined;
    for (const [index, photo] of photos.entries()) {
      if (photo.documentId) {
        const document = await documentById(photo.documentId, store);
        if (document && (document.caption ?? '') !== photo.caption.trim()) await updateCaption(photo.documentId, photo.caption, store);
        continue;
      }
      // A save cut short may have created this photo's document already (the restored draft does not know
      // its id): createDocument returns the report's document of the same file, which takes the form's caption.
      const attached = await createDocument(
        target,
        { sha256: photo.sha256, size: photo.sizeBytes, fileName: photo.fileName, mimeType: photo.mimeType },
        { caption: photo.caption },
        store,
      );
      if (!attached.ok) {
        failure = attached.issues.map((issue) => ({ ...issue, path: `photo.${index}` }));
        break;
      }
      if (attached.existing && (attached.document.caption ?? '') !== photo.caption.trim()) await updateCaption(attached.document.id, photo.caption, store);
      photos[index] = { ...photo, documentId: attached.document.id };
    }
    const saved: FieldReportFormValues = { ...values, photos };

    const listed = await store.repository.replace('fieldReport', report.id, toFieldReportDraft(saved), report.updatedAt);
    if (!listed.ok) return { ok: false, issues: onFields(listed.issues, saved), report, values: saved };
    report = listed.record;
    if (failure) return { ok: false, issues: failure, report, values: saved };

    // Photos taken off the report: their documents go too (their bytes follow the blob rule).
    const kept = new Set(report.photos.map((photo) => photo.documentId));
    for (const photo of original?.photos ?? []) if (!kept.has(photo.documentId)) await removeDocument(photo.documentId, store);

    // Saved in full: the draft moved to this new report has served (the form clears the one of a report edited).
    if (!original) await formDraftStore(store.db).discard(draftKeyOf(report.id));
    return { ok: true, report, values: saved };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`field report ${report.id}: saved, but not all that follows (${message})`);
    return { ok: false, issues: [{ path: '', message: 'v.saveFailed', params: { message } }], report, values: { ...values, photos } };
  }
}

/** Moves the new-report draft to the created report's key, with the values being saved. */
async function keepDraftOn(report: FieldReport, values: FieldReportFormValues, store: SaveStore): Promise<void> {
  try {
    await moveDraft(draftKeyOf(undefined), draftKeyOf(report.id), { ...values, basedOn: report.updatedAt }, store.db);
  } catch (error) {
    // The draft is bookkeeping: the save goes on (the form's incomplete-save path keeps the values too).
    console.warn(`field report ${report.id}: its draft was not moved (${error instanceof Error ? error.message : String(error)})`);
  }
}
