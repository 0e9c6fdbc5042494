import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { FormError } from '../../components/FormError';
import {
  type FunnelField,
  FunnelFields,
  type FunnelValue,
  resultingStatus,
  staleFunnelErrors,
} from '../../components/FunnelFields';
import { type FragmentType, getFragmentData } from '../../gql';
import { payloadOf, placeError } from '../../lib/errors';
import { describeFunnelOutcome } from '../../lib/funnel';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { SetCustomerStatusMutation, StatusFormContact } from './operations';

const STATUS_FIELDS: readonly FunnelField[] = ['customerStatus', 'ltvAmount', 'reason'];
const EMPTY: FunnelValue = { status: '', ltvAmount: '', reason: '' };

/** Moves the contact along the funnel and/or records a payment, outside any draft. */
export function StatusForm({
  contact: contactRef,
  canOverride,
}: {
  contact: FragmentType<typeof StatusFormContact>;
  canOverride: boolean;
}) {
  const contact = getFragmentData(StatusFormContact, contactRef);
  const [funnel, setFunnel] = useState<FunnelValue>(EMPTY);
  const { errors, setErrors, clearError } = useFieldErrors<FunnelField>();
  const [saved, setSaved] = useState<string | null>(null);
  const [state, setStatus] = useMutation(SetCustomerStatusMutation);

  const change = (next: FunnelValue) => {
    clearError(...staleFunnelErrors(funnel, next));
    setSaved(null);
    setFunnel(next);
  };

  const nothingToSave = funnel.status === '' && funnel.ltvAmount.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (nothingToSave || state.fetching) return;
    setErrors({});
    setSaved(null);
    const result = await setStatus({
      input: {
        contactId: contact.id,
        status: resultingStatus(contact.customerStatus, funnel),
        ltvAmount: funnel.ltvAmount.trim() || null,
        reason: funnel.reason.trim() || null,
      },
    });
    const outcome = payloadOf(result, 'setCustomerStatus', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'SetCustomerStatusSuccess') {
      setErrors(placeError(outcome, STATUS_FIELDS, { status: 'customerStatus' }));
      return;
    }
    // The contact in the result updates the page: the header, the summary, the history and this form.
    const parts = describeFunnelOutcome(outcome);
    setFunnel(EMPTY);
    setSaved(parts.length > 0 ? `Saved. ${parts.join(' ')}` : 'Nothing changed.');
  };

  return (
    <form className="card status-form" onSubmit={submit} aria-labelledby="status-form-title" noValidate>
      <h2 id="status-form-title">Change status</h2>
      {saved && (
        <p className="banner info" role="status">
          {saved}
        </p>
      )}
      <FunnelFields contact={contact} value={funnel} onChange={change} errors={errors} canOverride={canOverride} />
      <FormError message={errors.form} />
      <div className="actions">
        <span className="spacer" />
        <button type="submit" className="primary" disabled={state.fetching || nothingToSave}>
          {state.fetching ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
