import { pickText, type AnyRecord } from '@shared/domain';
import type { Resolution } from '@shared/sync/engine';
import type { Conflict } from '@shared/sync/merge';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getStore } from '../../db/store';
import { useIssueText } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { EmptyState } from '../../ui/EmptyState';
import { recordPage } from '../../ui/RecordLabel';
import { usePrincipal } from '../../state/principal';
import { hiddenFieldsOf } from '../history/personalData';
import { useValueText } from '../history/useValueText';
import { ConflictCard } from './ConflictCard';
import { useConflicts, type NamedConflictGroup } from './useConflicts';
import { Notice } from '../../ui/Notice';

function GroupHeading({ group, id }: { group: NamedConflictGroup; id: string }) {
  const { t } = useTranslation('conflicts');
  const language = useUiStore((s) => s.language);
  const { entityLabel } = useValueText();
  const name = (typeof group.name === 'string' ? group.name : pickText(group.name, language)) || t('unnamed', { id: group.recordId.slice(-8) });
  // The record's own page, or its activity's (a budget, a participation); none for a record not stored.
  const page = group.stored ? recordPage(group.record as AnyRecord | undefined) : undefined;
  return (
    <h2 id={id} className="conflict-record">
      {page ? <Link to={page}>{name}</Link> : name}{' '}
      <span className="muted">
        · {entityLabel(group.entity)}
        {!group.stored && ` · ${group.conflicts.some((c) => c.kind === 'delete') ? t('deleted') : t('notShown')}`}
      </span>
    </h2>
  );
}

/**
 * The open conflicts: values two people wrote without seeing each other's, listed until someone
 * chooses. A choice is an ordinary change that has seen every competing value, so it travels like any
 * edit and settles the conflict on every computer it reaches.
 */
export function ConflictsPage() {
  const { t } = useTranslation('conflicts');
  const { fieldLabel } = useValueText();
  const issueText = useIssueText();
  const principal = usePrincipal();
  const state = useConflicts();
  const heading = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  // One polite live region for outcomes: a screen reader hears each choice once, nothing more.
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | undefined>();

  const resolve = async (conflict: Conflict, resolution: Resolution) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const outcome = await getStore().repository.resolve(conflict, resolution);
      if (!outcome.ok) {
        // Refused, nothing written (a record locked in review): say why, in the person's language.
        setFailure(t('resolveRefused', { message: outcome.issues.map((issue) => issueText(issue.message, issue.params)).join(' ') }));
        return;
      }
      setAnnouncement(t('resolved', { field: conflict.kind === 'delete' ? t('deleteHeading') : fieldLabel(conflict.entity, conflict.field) }));
      // The resolved card goes away with the next read: keep the keyboard's place on the page.
      heading.current?.focus();
    } catch (error) {
      setFailure(t('resolveFailed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  const total = state.phase === 'ready' ? state.data.groups.reduce((sum, group) => sum + group.conflicts.length, 0) : 0;

  return (
    <section className="page conflicts-page" aria-labelledby="conflicts-heading" data-testid="conflicts-page">
      <div className="page-header">
        <h1 id="conflicts-heading" ref={heading} tabIndex={-1}>
          {t('title')}
        </h1>
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <Notice kind="error">
        {failure}
      </Notice>
      {state.phase === 'loading' ? (
        <p className="muted">{t('loading')}</p>
      ) : state.phase === 'failed' ? (
        <p className="notice error">{t('loadFailed', { message: state.message })}</p>
      ) : state.data.groups.length === 0 ? (
        <EmptyState title={t('emptyTitle')} testId="conflicts-empty">
          <p>{t('emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="conflicts-intro">{t('intro')}</p>
          <p className="result-count">{t('count', { count: total })} · {t('records', { count: state.data.groups.length })}</p>
          {state.data.groups.map((group) => (
            <section key={group.key} className="conflict-group" aria-labelledby={`conflicts-${group.key}`}>
              <GroupHeading group={group} id={`conflicts-${group.key}`} />
              {group.conflicts.map((conflict) => (
                <ConflictCard
                  key={`${conflict.field}:${conflict.kind}`}
                  conflict={conflict}
                  record={group.record}
                  ownDevice={state.data.device}
                  busy={busy}
                  onResolve={resolve}
                  hiddenFields={hiddenFieldsOf(group.entity, { country: group.country }, principal)}
                  names={state.data.names}
                />
              ))}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
