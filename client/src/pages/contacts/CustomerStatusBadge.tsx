import type { CustomerStatus } from '../../gql/graphql';
import { statusLabel } from '../../lib/funnel';

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  return <span className={`badge customer-${status.toLowerCase()}`}>{statusLabel(status)}</span>;
}
