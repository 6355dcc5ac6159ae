import type { Change } from '@shared/sync/change';
import type { Conflict } from '@shared/sync/merge';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIssueText } from '../../i18n';
import { useValueText } from '../history/useValueText';
import { checkMerged, isTextConflict, mergeDraft, parseMerged } from './conflictModel';

/**
 * "Type a merged value": starts from the value shown now, as plain text for a text field and as JSON
 * for anything else, and refuses (with the reason, next to the box) what cannot be read or would make
 * the record invalid. Always open, so it is one Tab away and nothing has to be unfolded first.
 */
export function MergeEditor({ conflict, record, busy, onSave }: { conflict: Conflict; record: object | undefined; busy: boolean; onSave: (value: Change['value']) => void }) {
  const { t } = useTranslation('conflicts');
  const issueText = useIssueText();
  const { fieldLabel } = useValueText();
  const [text, setText] = useState(() => mergeDraft(conflict));
  const [problem, setProblem] = useState<string | undefined>();
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const plain = isTextConflict(conflict);

  const refuse = (message: string) => {
    setProblem(message);
    box.current?.focus();
  };

  const save = () => {
    const parsed = parseMerged(conflict, text);
    if (!parsed.ok) return refuse(parsed.problem === 'json' ? t('merge.notJson') : t('merge.empty'));
    const checked = checkMerged(conflict.entity, record, conflict.field, parsed.value);
    if (!checked.ok) {
      // A cross-field rule (an end before its start) names the other field: say which.
      const messages = checked.issues.map((issue) => {
        const path = issue.path.split('.')[0] ?? '';
        const message = issueText(issue.message, issue.params);
        return path && path !== conflict.field ? `${fieldLabel(conflict.entity, path)}: ${message}` : message;
      });
      return refuse(t('merge.invalid', { problems: [...new Set(messages)].join(' ') }));
    }
    setProblem(undefined);
    onSave(checked.value);
  };

  return (
    <div className="merge-editor field">
      <label htmlFor={id}>{t('merge.label')}</label>
      <textarea
        id={id}
        ref={box}
        className={plain ? undefined : 'code'}
        rows={Math.min(12, Math.max(3, text.split('\n').length))}
        value={text}
        spellCheck={plain}
        aria-invalid={problem !== undefined}
        aria-describedby={`${id}-message`}
        onChange={(event) => {
          setText(event.target.value);
          if (problem) setProblem(undefined);
        }}
        data-testid="merge-value"
      />
      <p id={`${id}-message`} className={problem ? 'field-error' : 'field-hint'} data-testid={problem ? 'merge-error' : undefined}>
        {problem ?? (plain ? t('merge.hintText') : t('merge.hintJson'))}
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={save} data-testid="save-merged">
          {t('merge.save')}
        </button>
      </div>
    </div>
  );
}
