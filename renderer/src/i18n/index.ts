import { uiLanguages, type Labels, type UiLanguage } from '@shared/domain';
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useUiStore } from '../state/uiStore';
import { namespaces, resources } from './resources';

/** Starts i18next in the persisted language and follows every later change of it. */
export function startI18n(): void {
  const language = useUiStore.getState().language;
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...uiLanguages],
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(language);
  useUiStore.subscribe((state, previous) => {
    if (state.language === previous.language) return;
    void i18next.changeLanguage(state.language);
    applyDocumentLanguage(state.language);
  });
}

function applyDocumentLanguage(language: UiLanguage): void {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : language;
}

/** Reference labels (countries, areas, kinds) come from shared data in both UI languages. */
export function useLabel(): (labels: Labels | undefined) => string {
  const language = useUiStore((state) => state.language);
  return (labels) => (labels ? labels[language] || labels.en : '');
}

/** Translates a validation issue key from the shared schemas (`v.required`). */
export function useIssueText(): (message: string, params?: Record<string, string | number>) => string {
  const { t } = useTranslation('validation');
  // Messages that are not keys (a storage error already put into words) pass through as they are.
  return (message, params) => (message.startsWith('v.') ? t(message, { ...params, defaultValue: t('v.invalid') }) : message);
}
