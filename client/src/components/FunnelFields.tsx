import { graphql, getFragmentData, type FragmentType } from '../gql';
import type { CustomerStatus } from '../gql/graphql';
import { ALL_STATUSES, ALLOWED_MOVES, isAllowedMove, statusLabel } from '../lib/funnel';
import { FieldError } from './FormErrors';

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

export type FunnelErrors = Partial<Record<'customerStatus' | 'ltvAmount' | 'reason', string>>;

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
      <div className="field">
        <label htmlFor="customer-status">Customer status</label>
        <select
          id="customer-status"
          value={value.status}
          onChange={(e) => setStatus(e.target.value as CustomerStatus | '')}
          aria-invalid={errors.customerStatus ? true : undefined}
          aria-describedby="customer-status-help"
        >
          <option value="">No change ({statusLabel(current)})</option>
          <optgroup label="Next in the funnel">
            {ALLOWED_MOVES[current].map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </optgroup>
          {canOverride && overrides.length > 0 && (
            <optgroup label="Admin override (needs a reason)">
              {overrides.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <p className="help" id="customer-status-help">
          Now {statusLabel(current)}, lifetime value {contact.ltv}.
        </p>
        <FieldError message={errors.customerStatus} />
      </div>

      <div className="field">
        <label htmlFor="ltv-amount">LTV payment</label>
        <input
          id="ltv-amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder={ltvAllowed ? 'e.g. 120.50' : 'Only for customers'}
          value={value.ltvAmount}
          disabled={!ltvAllowed}
          onChange={(e) => onChange({ ...value, ltvAmount: e.target.value })}
          aria-invalid={errors.ltvAmount ? true : undefined}
          aria-describedby="ltv-amount-help"
        />
        <p className="help" id="ltv-amount-help">
          {ltvAllowed
            ? 'Optional. A payment added to the lifetime value: more than 0, up to 1,000,000, at most 2 decimals.'
            : 'A payment can be recorded only when the status is (or becomes) Customer.'}
        </p>
        <FieldError message={errors.ltvAmount} />
      </div>

      <div className="field">
        <label htmlFor="status-reason">Reason {isOverride ? '(required for this override)' : '(optional)'}</label>
        <input
          id="status-reason"
          value={value.reason}
          maxLength={1000}
          onChange={(e) => onChange({ ...value, reason: e.target.value })}
          aria-invalid={errors.reason ? true : undefined}
        />
        <FieldError message={errors.reason} />
      </div>
    </fieldset>
  );
}
