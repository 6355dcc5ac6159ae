import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Notice } from '../../ui/Notice';
import { AcksCard } from './AcksCard';
import { ExportCard } from './ExportCard';
import { ImportCard } from './ImportCard';
import { LogCard } from './LogCard';
import { QuarantineCard } from './QuarantineCard';
import { useBundleContext } from './useBundleContext';
import { useBundleText } from './useBundleText';

/**
 * USB bundles: when there is no network, changes travel on a stick. Export for a recipient, import what
 * someone brought (checked, then a dry run, then applied), and see what reached whom, the log of
 * bundles and the changes held back. `?action=export|import` (the menu) puts the focus on that card.
 */
export function BundlesPage() {
  const { t } = useTranslation('bundles');
  const text = useBundleText();
  const [params] = useSearchParams();
  const action = params.get('action');
  const { context, failure } = useBundleContext();

  return (
    <section className="page bundles-page" aria-labelledby="bundles-heading">
      <div className="page-header">
        <h1 id="bundles-heading">{t('title')}</h1>
      </div>
      <p>{t('intro')}</p>
      {failure ? (
        <Notice kind="error" testId="bundle-error">
          {text.failureText(failure)}
        </Notice>
      ) : !context ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <>
          <div className="card-grid">
            <ExportCard context={context} focus={action === 'export'} />
            <ImportCard context={context} focus={action === 'import'} />
          </div>
          <QuarantineCard context={context} />
          <AcksCard context={context} />
          <LogCard context={context} />
        </>
      )}
    </section>
  );
}
