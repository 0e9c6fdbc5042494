const STATUS_TEXT: Record<string, string> = {
  PENDING: 'Pending',
  CLAIMED: 'In review',
  FAILED: 'Failed',
  GENERATING: 'Drafting',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  SUPERSEDED: 'Superseded',
};

/** Where a draft is in review, as the queue and the draft page show it. */
export function DraftStatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{STATUS_TEXT[status] ?? status}</span>;
}
