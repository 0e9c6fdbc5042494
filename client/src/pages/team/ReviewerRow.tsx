import { useState } from 'react';
import { useMutation } from 'urql';
import { Dialog } from '../../components/Dialog';
import { type FragmentType, getFragmentData } from '../../gql';
import type { Role } from '../../gql/graphql';
import { payloadOf } from '../../lib/errors';
import {
  DeactivateReviewerMutation,
  ReactivateReviewerMutation,
  ResetReviewerPasswordMutation,
  SetReviewerRoleMutation,
  TeamReviewer,
} from './operations';

const ROLE_LABELS: Record<Role, string> = { ADMIN: 'Admin', REVIEWER: 'Reviewer', VIEWER: 'Viewer' };

interface Props {
  reviewer: FragmentType<typeof TeamReviewer>;
  isYou: boolean;
}

type Confirm = 'deactivate' | 'reset' | null;

/** One account of the team: its role, whether it may sign in, and a password reset (admins only). */
export function ReviewerRow(props: Props) {
  const reviewer = getFragmentData(TeamReviewer, props.reviewer);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [roleState, setRole] = useMutation(SetReviewerRoleMutation);
  const [deactivateState, deactivate] = useMutation(DeactivateReviewerMutation);
  const [reactivateState, reactivate] = useMutation(ReactivateReviewerMutation);
  const [resetState, reset] = useMutation(ResetReviewerPasswordMutation);
  const busy = roleState.fetching || deactivateState.fetching || reactivateState.fetching || resetState.fetching;
  const who = reviewer.displayName;

  const changeRole = async (role: Role) => {
    setError(null);
    const outcome = payloadOf(await setRole({ input: { reviewerId: reviewer.id, role } }), 'setReviewerRole', setError);
    if (outcome && outcome.__typename !== 'SetReviewerRoleSuccess') setError(outcome.message);
  };

  const confirmDeactivate = async () => {
    setError(null);
    const outcome = payloadOf(await deactivate({ id: reviewer.id }), 'deactivateReviewer', setError);
    setConfirm(null);
    if (outcome && outcome.__typename !== 'DeactivateReviewerSuccess') setError(outcome.message);
  };

  const doReactivate = async () => {
    setError(null);
    const outcome = payloadOf(await reactivate({ id: reviewer.id }), 'reactivateReviewer', setError);
    if (outcome && outcome.__typename !== 'ReactivateReviewerSuccess') setError(outcome.message);
  };

  const confirmReset = async () => {
    setError(null);
    const outcome = payloadOf(await reset({ id: reviewer.id }), 'resetReviewerPassword', (message) => {
      setConfirm(null);
      setError(message);
    });
    if (!outcome) return;
    if (outcome.__typename !== 'ResetReviewerPasswordSuccess') {
      setConfirm(null);
      return setError(outcome.message);
    }
    setTemporary(outcome.temporaryPassword);
  };

  const closeReset = () => {
    setTemporary(null);
    setConfirm(null);
  };

  return (
    <tr className={reviewer.active ? undefined : 'inactive'}>
      <td>
        {who}
        {props.isYou && <span className="muted small"> (you)</span>}
      </td>
      <td className="cell-email">{reviewer.email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${reviewer.id}`}>
          Role of {who}
        </label>
        <select
          id={`role-${reviewer.id}`}
          value={reviewer.role}
          disabled={busy}
          onChange={(e) => changeRole(e.target.value as Role)}
        >
          {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </td>
      <td>
        {reviewer.active ? (
          <span className="badge state-active">active</span>
        ) : (
          <span className="badge state-inactive">deactivated</span>
        )}
        {reviewer.active && reviewer.mustChangePassword && (
          <span className="muted small"> · must choose a new password</span>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td className="row-actions">
        {reviewer.active ? (
          <button type="button" className="link danger" disabled={busy} onClick={() => setConfirm('deactivate')}>
            Deactivate<span className="visually-hidden"> {who}</span>
          </button>
        ) : (
          <button type="button" className="link" disabled={busy} onClick={doReactivate}>
            Reactivate<span className="visually-hidden"> {who}</span>
          </button>
        )}
        <button type="button" className="link" disabled={busy} onClick={() => setConfirm('reset')}>
          Reset password<span className="visually-hidden"> of {who}</span>
        </button>
        <Dialog open={confirm === 'deactivate'} title={`Deactivate ${who}?`} onClose={() => setConfirm(null)}>
          <p>{who} is signed out everywhere at once and cannot sign in until an admin reactivates the account.</p>
          <div className="actions">
            <button type="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
            <button type="button" className="danger" disabled={busy} onClick={confirmDeactivate}>
              {deactivateState.fetching ? 'Deactivating…' : 'Deactivate'}
            </button>
          </div>
        </Dialog>
        <Dialog open={confirm === 'reset'} title={`Reset the password of ${who}?`} onClose={closeReset}>
          {temporary ? (
            <>
              <p>
                Give {who} this temporary password. It is shown only now; at the next sign-in they must choose a new
                one.
              </p>
              <p className="temporary-password" data-testid="temporary-password">
                <code>{temporary}</code>
              </p>
              <div className="actions">
                <button type="button" className="primary" onClick={closeReset}>
                  Done
                </button>
              </div>
            </>
          ) : (
            <>
              <p>{who} is signed out everywhere and gets a temporary password, to be replaced at the next sign-in.</p>
              <div className="actions">
                <button type="button" onClick={closeReset}>
                  Cancel
                </button>
                <button type="button" className="danger" disabled={busy} onClick={confirmReset}>
                  {resetState.fetching ? 'Resetting…' : 'Reset password'}
                </button>
              </div>
            </>
          )}
        </Dialog>
      </td>
    </tr>
  );
}
