import type { FormEvent } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../../auth';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { payloadOf, placeError } from '../../lib/errors';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useFormValues } from '../../lib/useFormValues';
import { useNotice } from '../../notice';
import { useTitle } from '../../router';
import { DeskSettingsForm } from './DeskSettingsForm';
import { ChangePasswordMutation } from './operations';

type PasswordField = 'currentPassword' | 'newPassword' | 'repeatPassword';

const EMPTY: Record<PasswordField, string> = { currentPassword: '', newPassword: '', repeatPassword: '' };

/** The signed-in reviewer's own account: who they are, and a new password. */
export function AccountPage() {
  useTitle('Account');
  const session = useSession();
  const { show } = useNotice();
  const { values, setValues, text } = useFormValues(EMPTY);
  const { errors, setErrors } = useFieldErrors<PasswordField>();
  const [state, changePassword] = useMutation(ChangePasswordMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    if (values.newPassword !== values.repeatPassword)
      return setErrors({ repeatPassword: 'The new passwords do not match.' });
    const result = await changePassword({
      input: { currentPassword: values.currentPassword, newPassword: values.newPassword },
    });
    const outcome = payloadOf(result, 'changePassword', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename === 'ValidationError')
      return setErrors(placeError(outcome, ['currentPassword', 'newPassword']));
    setValues(EMPTY);
    show('success', 'Password changed. Your other sessions were signed out.');
  };

  const incomplete = values.currentPassword === '' || values.newPassword === '' || values.repeatPassword === '';

  return (
    <section className="page">
      <header className="page-head">
        <h1>Account</h1>
      </header>
      <div className="account-grid">
        <div className="card account-who">
          <h2>Signed in as</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{session.reviewer.displayName}</dd>
            <dt>Email</dt>
            <dd>{session.reviewer.email}</dd>
            <dt>Role</dt>
            <dd>
              <span className={`badge role-${session.reviewer.role.toLowerCase()}`}>
                {session.reviewer.role.toLowerCase()}
              </span>
            </dd>
          </dl>
        </div>
        <form className="card account-form" onSubmit={submit} aria-labelledby="change-password-title" noValidate>
          <h2 id="change-password-title">Change password</h2>
          {/* Lets password managers file the new password under the right account. */}
          <input type="email" autoComplete="username" value={session.reviewer.email} readOnly hidden />
          <Field
            id="account-current-password"
            label="Current password"
            error={errors.currentPassword}
            type="password"
            autoComplete="current-password"
            required
            {...text('currentPassword')}
          />
          <Field
            id="account-new-password"
            label="New password"
            error={errors.newPassword}
            help={<p className="help">At least 8 characters.</p>}
            type="password"
            autoComplete="new-password"
            required
            {...text('newPassword')}
          />
          <Field
            id="account-repeat-password"
            label="Repeat new password"
            error={errors.repeatPassword}
            type="password"
            autoComplete="new-password"
            required
            {...text('repeatPassword')}
          />
          <FormError message={errors.form} />
          <p className="help">Changing it signs you out everywhere else; this window stays signed in.</p>
          <button type="submit" className="primary" disabled={state.fetching || incomplete}>
            {state.fetching ? 'Changing…' : 'Change password'}
          </button>
        </form>
        <DeskSettingsForm />
      </div>
    </section>
  );
}
