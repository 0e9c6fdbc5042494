/** "Load more" under a paged list: shown while the connection has a next page; asks for the page after `endCursor`. */
export function LoadMore({
  pageInfo,
  fetching,
  onMore,
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  fetching: boolean;
  onMore: (cursor: string) => void;
}) {
  if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return null;
  const cursor = pageInfo.endCursor;
  return (
    <p className="center">
      <button type="button" onClick={() => onMore(cursor)} disabled={fetching}>
        {fetching ? 'Loading…' : 'Load more'}
      </button>
    </p>
  );
}
