import { type FormEvent, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { type FieldErrors, payloadOf, placeError } from '../../lib/errors';
import {
  CancelUserLoginMutation,
  PendingUserLoginsQuery,
  StartUserLoginMutation,
  SubmitLoginCodeMutation,
  SubmitLoginPasswordMutation,
} from './connectOperations';
import { describeLoginError } from './loginErrors';

interface Pending {
  id: string;
  label: string;
  phone: string;
  step: 'CODE' | 'PASSWORD';
  codeVia: 'APP' | 'SMS' | 'OTHER';
  passwordHint?: string | null;
}

type Fields = 'label' | 'phone' | 'code' | 'password';

const VIA = {
  APP: 'in the Telegram app on another device signed in to this account',
  SMS: 'by text message',
  OTHER: 'by Telegram',
} as const;

/**
 * Signs a Telegram user account in: phone, then the code Telegram sends, then the 2FA password when one is set.
 * A login in progress is kept on the server, so after a reload the form picks it up where it was.
 */
export function ConnectUser({ onConnected }: { onConnected?(accountId: string): void }) {
  const [{ data }, refetch] = useQuery({ query: PendingUserLoginsQuery, requestPolicy: 'network-only' });
  const [login, setLogin] = useState<Pending | null>(null);
  const [label, setLabel] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Fields>>({});
  const [done, setDone] = useState<string | null>(null);
  const [start, startLogin] = useMutation(StartUserLoginMutation);
  const [codeState, submitCode] = useMutation(SubmitLoginCodeMutation);
  const [passwordState, submitPassword] = useMutation(SubmitLoginPasswordMutation);
  const [, cancelLogin] = useMutation(CancelUserLoginMutation);

  // After a reload: resume the newest login still waiting for its code or password.
  const resumable = data?.pendingUserLogins[0] ?? null;
  useEffect(() => {
    if (resumable && !login) setLogin(resumable);
  }, [resumable, login]);

  const fail = (error: { __typename?: string; message: string; field?: string | null }) =>
    setErrors(placeError({ ...error, message: describeLoginError(error) }, ['label', 'phone', 'code', 'password']));

  const finished = (
    accountId: string | null | undefined,
    account: { label: string; username?: string | null } | null | undefined,
  ) => {
    if (accountId) onConnected?.(accountId);
    setLogin(null);
    setCode('');
    setPassword('');
    setLabel('');
    setPhone('');
    setDone(`Signed in ${account?.label ?? 'the account'}${account?.username ? ` (@${account.username})` : ''}.`);
    refetch();
  };

  const begin = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setDone(null);
    const result = await startLogin({ label: label.trim(), phone: phone.trim() });
    const outcome = payloadOf(result, 'startUserLogin', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'StartUserLoginSuccess') return fail(outcome);
    if (outcome.login) setLogin(outcome.login);
  };

  const sendCode = async (event: FormEvent) => {
    event.preventDefault();
    if (!login) return;
    setErrors({});
    const result = await submitCode({ loginId: login.id, code: code.trim() });
    const outcome = payloadOf(result, 'submitLoginCode', (form) => setErrors({ form }));
    if (!outcome) return;
    if (
      outcome.__typename === 'NotFoundError' ||
      (outcome.__typename === 'TelegramRefusedError' && outcome.reason === 'PHONE_CODE_EXPIRED')
    ) {
      // The login is over on the server: back to the phone, with the reason.
      setLogin(null);
      setCode('');
      setErrors({ form: describeLoginError(outcome) });
      return refetch();
    }
    if (outcome.__typename !== 'SubmitLoginCodeSuccess') return fail(outcome);
    if (outcome.passwordNeeded && outcome.login) return setLogin(outcome.login);
    finished(outcome.accountId, outcome.account);
  };

  const sendPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (!login) return;
    setErrors({});
    const result = await submitPassword({ loginId: login.id, password });
    const outcome = payloadOf(result, 'submitLoginPassword', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename === 'NotFoundError') {
      setLogin(null);
      setErrors({ form: 'This login has expired: start again.' });
      return refetch();
    }
    if (outcome.__typename !== 'ConnectedTelegramAccount') return fail(outcome);
    finished(outcome.accountId, outcome.account);
  };

  const startOver = async () => {
    if (login) await cancelLogin({ loginId: login.id });
    setLogin(null);
    setCode('');
    setPassword('');
    setErrors({});
    refetch();
  };

  return (
    <section className="card telegram-connect" aria-labelledby="connect-user-title">
      <h2 id="connect-user-title">Sign in a Telegram account</h2>
      {done && (
        <p className="banner info" role="status">
          {done}
        </p>
      )}
      {!login && (
        <form onSubmit={begin} noValidate>
          <Field
            id="user-label"
            label="Label"
            error={errors.label}
            maxLength={80}
            autoComplete="off"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <Field
            id="user-phone"
            label="Phone number"
            error={errors.phone}
            help={<p className="help">In international form, such as +44 20 7946 0958. Telegram sends a code.</p>}
            type="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <FormError message={errors.form} />
          <button type="submit" disabled={start.fetching || !label.trim() || !phone.trim()}>
            {start.fetching ? 'Asking Telegram…' : 'Send code'}
          </button>
        </form>
      )}
      {login?.step === 'CODE' && (
        <form onSubmit={sendCode} noValidate>
          <p>
            Signing in <strong>{login.label}</strong> ({login.phone}): Telegram sent a code {VIA[login.codeVia]}.
          </p>
          <Field
            id="user-code"
            label="Code"
            error={errors.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <FormError message={errors.form} />
          <button type="submit" disabled={codeState.fetching || !code.trim()}>
            {codeState.fetching ? 'Signing in…' : 'Sign in'}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => void startOver()}>
            Start over
          </button>
        </form>
      )}
      {login?.step === 'PASSWORD' && (
        <form onSubmit={sendPassword} noValidate>
          <p>
            <strong>{login.label}</strong> ({login.phone}) has two-step verification: enter its password.
          </p>
          <Field
            id="user-password"
            label="2FA password"
            error={errors.password}
            help={login.passwordHint ? <p className="help">Hint: {login.passwordHint}</p> : undefined}
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FormError message={errors.form} />
          <button type="submit" disabled={passwordState.fetching || !password}>
            {passwordState.fetching ? 'Checking…' : 'Sign in'}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => void startOver()}>
            Start over
          </button>
        </form>
      )}
    </section>
  );
}
