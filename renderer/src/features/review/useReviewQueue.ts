/** How many records wait for the signed-in reviewer (the navigation's badge). Filled in by the review feature. */
export function useReviewCount(): number {
  return 0;
}
