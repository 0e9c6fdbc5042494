/** The safety review's recommendation for a draft, as the queue and the draft page show it. */
export function SafetyBadge({ recommendation }: { recommendation: string | null | undefined }) {
  if (!recommendation) return <span className="badge safety-none">No safety review</span>;
  const text =
    recommendation === 'approve' ? 'Safety: OK' : recommendation === 'review' ? 'Safety: review' : 'Safety: flagged';
  return <span className={`badge safety-${recommendation}`}>{text}</span>;
}
