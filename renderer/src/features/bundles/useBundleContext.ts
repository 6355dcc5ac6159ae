import { useEffect, useState } from 'react';
import { useSyncStore } from '../../state/syncStore';
import { toBundleFailure, type BundleFailure } from './bundleFailure';
import { loadBundleContext, type BundleContext } from './bundlesController';
import { useBundlesStore } from './bundlesStore';

/**
 * This desk as bundles see it (enrolled or not, its device id, the devices it knows), read again after
 * every bundle (an import brings certificates) and when the enrollment changes.
 */
export function useBundleContext(): { context?: BundleContext; failure?: BundleFailure } {
  const revision = useBundlesStore((s) => s.revision);
  const enrollment = useSyncStore((s) => s.enrollment);
  const [state, setState] = useState<{ context?: BundleContext; failure?: BundleFailure }>({});

  useEffect(() => {
    let cancelled = false;
    loadBundleContext().then(
      (context) => !cancelled && setState({ context }),
      (error: unknown) => !cancelled && setState({ failure: toBundleFailure(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [revision, enrollment]);

  return state;
}
