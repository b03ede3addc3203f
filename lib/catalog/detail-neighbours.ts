/**
 * Where ←/→ lead from a photo of the loaded list: the neighbours on each side, and whether "next"
 * first needs the list's next page (the photo is the last one loaded and the server has more).
 * A photo outside the list (a sibling or a shared link) has no neighbours. Pure: unit-tested.
 */
export type DetailNeighbourMoves<T> = {
  index: number;
  previous: T | null;
  next: T | null;
  needsNextPage: boolean;
};

export function detailNeighbours<T extends { id: string }>(
  photos: readonly T[],
  photoId: string,
  hasMore: boolean,
): DetailNeighbourMoves<T> {
  const index = photos.findIndex((photo) => photo.id === photoId);
  if (index < 0) return { index, previous: null, next: null, needsNextPage: false };
  const next = photos[index + 1] ?? null;
  return { index, previous: photos[index - 1] ?? null, next, needsNextPage: next === null && hasMore };
}
