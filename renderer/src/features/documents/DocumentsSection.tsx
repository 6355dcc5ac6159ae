import { toPlainFileName } from '@shared/bridge/fileName';
import type { Document, RecordRef } from '@shared/domain';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../bridge';
import { AttachmentTooLargeError, hasBlob, maxAttachmentBytes } from '../../db/blobs';
import { attachFile, documentsOf, removeDocument, updateCaption } from '../../db/documents';
import { useIssueText } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { FileButton } from '../../ui/FileButton';
import { formatBytes } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { useRepositoryData } from '../history/useRepositoryData';
import { autoFetchBytes, documentBytes, isDisplayableImage, type FileBytes } from './documentFiles';
import { WriteGuard } from '../review/WriteGuard';

type Message = { kind: 'error' | 'success'; text: string; testId: string };

/** The files attached to a record: list, attach (size-limited, content-addressed), open, caption, remove. */
export function DocumentsSection({ target }: { target: RecordRef }) {
  const { t } = useTranslation('documents');
  const language = useUiStore((s) => s.language);
  const issueText = useIssueText();
  const headingId = useId();
  const [message, setMessage] = useState<Message>();
  const [attaching, setAttaching] = useState<string>();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const data = useRepositoryData(
    `documents:${target.entity}:${target.recordId}`,
    () => documentsOf(target),
    (changes) => changes.some((change) => change.entity === 'document'),
  );

  const tooLarge = (name: string, size: number): Message => ({
    kind: 'error',
    testId: 'attach-too-large',
    text: t('attach.tooLarge', { name, size: formatBytes(size, language), limit: formatBytes(maxAttachmentBytes, language) }),
  });

  const attach = async (file: File | undefined) => {
    if (!file) return;
    setMessage(undefined);
    // Refused before a byte is read: a 2 GB video picked by mistake must not fill the memory first.
    if (file.size > maxAttachmentBytes) return setMessage(tooLarge(file.name, file.size));
    setAttaching(file.name);
    let next: Message;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const outcome = await attachFile(target, { name: file.name, type: file.type, bytes });
      if (!outcome.ok) next = { kind: 'error', testId: 'attach-error', text: t('attach.failed', { name: file.name, reason: issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params) }) };
      else if (outcome.existing) next = { kind: 'success', testId: 'attach-existing', text: t('attach.existing', { name: outcome.document.fileName }) };
      else next = { kind: 'success', testId: 'attach-done', text: t('attach.done', { name: outcome.document.fileName }) };
    } catch (error) {
      next =
        error instanceof AttachmentTooLargeError
          ? tooLarge(file.name, error.size)
          : { kind: 'error', testId: 'attach-error', text: t('attach.failed', { name: file.name, reason: error instanceof Error ? error.message : String(error) }) };
    }
    if (!mounted.current) return;
    setAttaching(undefined);
    setMessage(next);
  };

  return (
    <section className="card" aria-labelledby={headingId} data-testid="documents-section">
      <h2 id={headingId}>{t('title')}</h2>
      <Notice kind={message?.kind ?? 'success'} testId={message?.testId}>
        {message?.text}
      </Notice>
      {data.phase === 'loading' && <p className="muted">{t('loading')}</p>}
      {data.phase === 'failed' && <Notice kind="error">{t('loadFailed', { reason: data.message })}</Notice>}
      {data.phase === 'ready' &&
        (data.data.length === 0 ? (
          <p className="muted" data-testid="documents-empty">
            {t('empty')}
          </p>
        ) : (
          <ul className="document-list" style={{ listStyle: 'none', padding: 0, margin: '0 0 1rem', display: 'grid', gap: '0.75rem' }} data-testid="document-list">
            {data.data.map((document) => (
              <DocumentRow key={document.id} document={document} onMessage={setMessage} />
            ))}
          </ul>
        ))}
      <WriteGuard entity={target.entity} recordId={target.recordId} quiet>
        <div className="actions">
          <FileButton accept="" disabled={attaching !== undefined} onFile={(file) => void attach(file)} testId="attach-file">
            {t('attach.button')}
          </FileButton>
        </div>
      </WriteGuard>
      {attaching !== undefined && (
        <p className="muted" role="status" data-testid="attaching">
          {t('attach.working', { name: attaching })}
        </p>
      )}
      <p className="field-hint">{t('attach.hint', { limit: formatBytes(maxAttachmentBytes, language) })}</p>
    </section>
  );
}

/** One attached file: its thumbnail (images), facts, caption, and what can be done with it. */
function DocumentRow({ document, onMessage }: { document: Document; onMessage: (message: Message) => void }) {
  const { t } = useTranslation('documents');
  const language = useUiStore((s) => s.language);
  const issueText = useIssueText();
  const captionId = useId();
  const [held, setHeld] = useState<boolean>();
  const [thumbnail, setThumbnail] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [caption, setCaption] = useState(document.caption ?? '');
  const [captionError, setCaptionError] = useState<string>();
  const editButton = useRef<HTMLButtonElement>(null);
  const name = document.fileName;

  // Whether the bytes are here; an image's thumbnail, fetched from the server if it came by sync (small ones only).
  const { sha256, mimeType, sizeBytes } = document;
  useEffect(() => {
    let cancelled = false;
    let url: string | undefined;
    void (async () => {
      const here = await hasBlob(sha256);
      if (cancelled) return;
      setHeld(here);
      if (!isDisplayableImage(mimeType) || (!here && sizeBytes > autoFetchBytes)) return;
      const file = await documentBytes({ sha256, mimeType, sizeBytes });
      if (cancelled || file.phase !== 'ready') return;
      setHeld(true);
      url = URL.createObjectURL(new Blob([new Uint8Array(file.bytes)], { type: mimeType }));
      setThumbnail(url);
    })();
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256, mimeType, sizeBytes]);

  const unavailableText = (file: Exclude<FileBytes, { phase: 'ready' }>): string => {
    if (file.phase === 'unavailable') return t('file.unavailable', { name });
    if (file.code === 'not-found') return t('file.notOnServer', { name });
    return t('file.fetchFailed', { name, reason: t(`sync:api.${file.code}`, { defaultValue: file.message }) });
  };

  const download = async () => {
    setBusy(true);
    try {
      const file = await documentBytes(document);
      if (file.phase !== 'ready') return onMessage({ kind: 'error', testId: 'file-unavailable', text: unavailableText(file) });
      setHeld(true);
      const saved = await getBridge().invoke('files:saveAs', { suggestedName: toPlainFileName(name, 'file'), mimeType: document.mimeType, data: new Uint8Array(file.bytes) });
      if (saved.saved) onMessage({ kind: 'success', testId: 'file-saved', text: t('file.saved', { name: saved.fileName ?? name }) });
    } catch (error) {
      onMessage({ kind: 'error', testId: 'file-save-failed', text: t('file.saveFailed', { name, reason: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const closeEditor = () => {
    setEditing(false);
    setCaptionError(undefined);
    // Back where the person was: on the button that opened the editor.
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const saveCaption = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await updateCaption(document.id, caption);
    setBusy(false);
    if (!outcome.ok) return setCaptionError(issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params));
    closeEditor();
    onMessage({ kind: 'success', testId: 'caption-saved', text: t('caption.saved', { name }) });
  };

  const remove = async () => {
    if (!window.confirm(t('remove.confirm', { name }))) return;
    setBusy(true);
    const outcome = await removeDocument(document.id);
    setBusy(false);
    if (!outcome.ok) return onMessage({ kind: 'error', testId: 'remove-refused', text: issueText(outcome.issues[0]?.message ?? 'v.invalid', outcome.issues[0]?.params) });
    onMessage({ kind: 'success', testId: 'document-removed', text: t('remove.done', { name }) });
  };

  return (
    <li data-testid="document-row" data-sha256={document.sha256} style={{ display: 'flex', gap: '1rem', alignItems: 'flex-start', borderBottom: '1px solid var(--border)', paddingBottom: '0.75rem' }}>
      {thumbnail && (
        <img src={thumbnail} alt={document.caption ?? document.title ?? name} data-testid="document-thumbnail" style={{ width: '8rem', maxHeight: '6rem', objectFit: 'cover', borderRadius: 'var(--radius)' }} />
      )}
      <div style={{ flex: 1, minWidth: 0 }}>
        <p style={{ margin: 0, overflowWrap: 'anywhere' }}>
          <strong data-testid="document-name">{name}</strong>
          {document.title && <> — {document.title}</>}
        </p>
        <p className="muted" style={{ margin: '0.15rem 0' }}>
          <span data-testid="document-type">{document.mimeType}</span> · <span data-testid="document-size">{formatBytes(document.sizeBytes, language)}</span>
          {held === false && <> · {t('file.notHere')}</>}
        </p>
        {document.caption && !editing && (
          <p style={{ margin: '0.15rem 0' }} data-testid="document-caption">
            {document.caption}
          </p>
        )}
        {editing ? (
          <form onSubmit={(event) => void saveCaption(event)} data-testid="caption-form">
            <div className={`field${captionError ? ' has-error' : ''}`}>
              <label htmlFor={captionId}>{t('caption.label', { name })}</label>
              <input
                id={captionId}
                value={caption}
                maxLength={300}
                autoFocus
                aria-invalid={captionError ? true : undefined}
                aria-describedby={captionError ? `${captionId}-error` : undefined}
                onChange={(event) => setCaption(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    event.preventDefault();
                    setCaption(document.caption ?? '');
                    closeEditor();
                  }
                }}
                data-testid="caption-input"
              />
              {captionError && (
                <p className="field-error" id={`${captionId}-error`} role="alert">
                  {captionError}
                </p>
              )}
            </div>
            <div className="actions">
              <button type="submit" className="button primary" disabled={busy} data-testid="caption-save">
                {t('caption.save')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setCaption(document.caption ?? '');
                  closeEditor();
                }}
              >
                {t('caption.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <div className="actions" style={{ marginTop: '0.4rem' }}>
            <button type="button" className="button" onClick={() => void download()} disabled={busy} aria-label={t('file.downloadLabel', { name })} data-testid="document-download">
              {t('file.download')}
            </button>
            <button
              ref={editButton}
              type="button"
              className="button"
              onClick={() => {
                setCaption(document.caption ?? '');
                setEditing(true);
              }}
              disabled={busy}
              aria-label={t('caption.editLabel', { name })}
              data-testid="caption-edit"
            >
              {t('caption.edit')}
            </button>
            <button type="button" className="button danger" onClick={() => void remove()} disabled={busy} aria-label={t('remove.label', { name })} data-testid="document-remove">
              {t('remove.button')}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
