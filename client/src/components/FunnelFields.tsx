import { type FragmentType, getFragmentData, graphql } from '../gql';
import type { CustomerStatus } from '../gql/graphql';
import { ALL_STATUSES, ALLOWED_MOVES, isAllowedMove, statusLabel } from '../lib/funnel';
import { Field } from './Field';

export const FunnelFieldsContact = graphql(`
  fragment FunnelFieldsContact on Contact {
    id
    customerStatus
    ltv
  }
`);

export interface FunnelValue {
  /** Empty: leave the status as it is. */
  status: CustomerStatus | '';
  ltvAmount: string;
  reason: string;
}

export type FunnelField = 'customerStatus' | 'ltvAmount' | 'reason';

export type FunnelErrors = Partial<Record<FunnelField, string>>;

interface Props {
  contact: FragmentType<typeof FunnelFieldsContact>;
  value: FunnelValue;
  onChange(value: FunnelValue): void;
  errors: FunnelErrors;
  /** Admins may move outside the funnel table when they give a reason. */
  canOverride: boolean;
}

export function resultingStatus(current: CustomerStatus, value: FunnelValue): CustomerStatus {
  return value.status || current;
}

/**
 * The errors an edit of the funnel fields makes stale, to clear until the next submit. A new
 * status clears all three, since it changes what the amount and the reason need.
 */
export function staleFunnelErrors(previous: FunnelValue, next: FunnelValue): FunnelField[] {
  if (next.status !== previous.status) return ['customerStatus', 'ltvAmount', 'reason'];
  const stale: FunnelField[] = [];
  if (next.ltvAmount !== previous.ltvAmount) stale.push('ltvAmount');
  if (next.reason !== previous.reason) stale.push('reason');
  return stale;
}

const statusOptions = (statuses: readonly CustomerStatus[]) =>
  statuses.map((s) => (
    <option key={s} value={s}>
      {statusLabel(s)}
    </option>
  ));

/** Customer status and LTV, recorded in the same step as the approval. */
export function FunnelFields({ contact: contactRef, value, onChange, errors, canOverride }: Props) {
  const contact = getFragmentData(FunnelFieldsContact, contactRef);
  const current = contact.customerStatus;
  const next = resultingStatus(current, value);
  const ltvAllowed = next === 'CUSTOMER';
  const overrides = ALL_STATUSES.filter((s) => !isAllowedMove(current, s));
  const isOverride = !isAllowedMove(current, next);

  const setStatus = (status: CustomerStatus | '') => {
    const stillCustomer = resultingStatus(current, { ...value, status }) === 'CUSTOMER';
    onChange({ ...value, status, ltvAmount: stillCustomer ? value.ltvAmount : '' });
  };

  return (
    <fieldset className="field funnel">
      <legend>Customer status and LTV</legend>
      <Field
        id="customer-status"
        label="Customer status"
        error={errors.customerStatus}
        help={
          <p className="help" id="customer-status-help">
            Now {statusLabel(current)}, lifetime value {contact.ltv}.
          </p>
        }
      >
        {(control) => (
          <select
            {...control}
            value={value.status}
            onChange={(e) => setStatus(e.target.value as CustomerStatus | '')}
            aria-describedby="customer-status-help"
          >
            <option value="">No change ({statusLabel(current)})</option>
            <optgroup label="Next in the funnel">{statusOptions(ALLOWED_MOVES[current])}</optgroup>
            {canOverride && overrides.length > 0 && (
              <optgroup label="Admin override (needs a reason)">{statusOptions(overrides)}</optgroup>
            )}
          </select>
        )}
      </Field>

      <Field
        id="ltv-amount"
        label="LTV payment"
        error={errors.ltvAmount}
        help={
          <p className="help" id="ltv-amount-help">
            {ltvAllowed
              ? 'Optional. A payment added to the lifetime value: more than 0, up to 1,000,000, at most 2 decimals.'
              : 'A payment can be recorded only when the status is (or becomes) Customer.'}
          </p>
        }
        inputMode="decimal"
        autoComplete="off"
        placeholder={ltvAllowed ? 'e.g. 120.50' : 'Only for customers'}
        value={value.ltvAmount}
        disabled={!ltvAllowed}
        onChange={(e) => onChange({ ...value, ltvAmount: e.target.value })}
        aria-describedby="ltv-amount-help"
      />

      <Field
        id="status-reason"
        label={<>Reason {isOverride ? '(required for this override)' : '(optional)'}</>}
        error={errors.reason}
        value={value.reason}
        maxLength={1000}
        onChange={(e) => onChange({ ...value, reason: e.target.value })}
      />
    </fieldset>
  );
}
