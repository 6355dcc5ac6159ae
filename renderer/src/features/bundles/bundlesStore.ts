import { create } from 'zustand';

/**
 * What the Bundles page's cards share: a revision bumped whenever an export, an import, an upload or a
 * change of the quarantine may have changed the log, the acknowledgements or the quarantine, so each card
 * reads them again. bundlesController.ts is the only writer.
 */
export const useBundlesStore = create<{ revision: number }>()(() => ({ revision: 0 }));

export const bumpBundlesRevision = () => useBundlesStore.setState((state) => ({ revision: state.revision + 1 }));
