/** The order a bundle's changes are applied in: shared, so that a desk judges a bundle in the same order. */
export { causalRuns, type DeviceRun } from '@shared/sync/causalRuns';
