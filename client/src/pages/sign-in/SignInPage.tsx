import { type FormEvent, useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { type Session, useAuth } from '../../auth';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { graphql } from '../../gql';
import { describeCombinedError, placeError } from '../../lib/errors';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useTitle } from '../../router';

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!, $newPassword: String) {
    login(email: $email, password: $password, newPassword: $newPassword) {
      __typename
      ... on LoginSuccess {
        token
        reviewer {
          id
          email
          displayName
          role
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
      ... on PasswordChangeRequiredError {
        field
      }
    }
  }
`);

/** The moment sign-in is accepted again after too many failures, and a sentence saying when. */
function lockedUntil(message: string, retryAfterSeconds: number): { until: number; message: string } {
  const until = Date.now() + retryAfterSeconds * 1000;
  const time = new Date(until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return { until, message: `${message} (at ${time}).` };
}

export function SignInPage() {
  useTitle('Sign in');
  const { signIn, notice } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, setErrors } = useFieldErrors<'email' | 'password'>();
  const [state, login] = useMutation(LoginMutation);
  const [locked, setLocked] = useState<{ until: number; message: string } | null>(null);

  // Unlocks the button when the wait is over.
  useEffect(() => {
    if (!locked) return;
    const timer = setTimeout(() => setLocked(null), Math.max(0, locked.until - Date.now()));
    return () => clearTimeout(timer);
  }, [locked]);

  /** Set once the password was right but an admin reset it: the next step chooses a new one. */
  const [mustChange, setMustChange] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    const result = await login({ email: email.trim(), password });
    if (result.error) return setErrors({ form: describeCombinedError(result.error) });
    const outcome = result.data?.login;
    if (!outcome) return setErrors({ form: 'No answer from the server. Please try again.' });
    if (outcome.__typename === 'LoginSuccess') signIn({ token: outcome.token, reviewer: outcome.reviewer });
    else if (outcome.__typename === 'PasswordChangeRequiredError') setMustChange(true);
    else if (outcome.__typename === 'TooManyAttemptsError') {
      const wait = lockedUntil(outcome.message.replace(/\.$/, ''), outcome.retryAfterSeconds);
      setLocked(wait);
      setErrors({ form: wait.message });
    } else setErrors(placeError(outcome, ['email', 'password']));
  };

  if (mustChange) {
    return (
      <ChangePasswordStep
        email={email.trim()}
        password={password}
        onSignedIn={signIn}
        onCancel={() => {
          setMustChange(false);
          setPassword('');
        }}
      />
    );
  }

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <p className="brand">Countersign</p>
        <h1 id="signin-title">Sign in</h1>
        {notice && !errors.form && <p className="banner info">{notice}</p>}
        <Field
          id="signin-email"
          label="Email"
          error={errors.email}
          type="email"
          autoComplete="username"
          autoFocus
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          id="signin-password"
          label="Password"
          error={errors.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <FormError message={errors.form} />
        <button
          type="submit"
          className="primary wide"
          disabled={state.fetching || locked !== null || email.trim() === '' || password === ''}
        >
          {state.fetching ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

interface ChangePasswordStepProps {
  email: string;
  password: string;
  onSignedIn(session: Session): void;
  onCancel(): void;
}

/** After an admin's reset, sign-in goes no further until a new password is chosen (sent with the same login). */
function ChangePasswordStep({ email, password, onSignedIn, onCancel }: ChangePasswordStepProps) {
  useTitle('Choose a new password');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { errors, setErrors } = useFieldErrors<'newPassword' | 'repeat'>();
  const [state, login] = useMutation(LoginMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    if (next !== repeat) return setErrors({ repeat: 'The two passwords differ' });
    const result = await login({ email, password, newPassword: next });
    if (result.error) return setErrors({ form: describeCombinedError(result.error) });
    const outcome = result.data?.login;
    if (!outcome) return setErrors({ form: 'No answer from the server. Please try again.' });
    if (outcome.__typename === 'LoginSuccess') onSignedIn({ token: outcome.token, reviewer: outcome.reviewer });
    else setErrors(placeError(outcome, ['newPassword']));
  };

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="new-password-title" noValidate>
        <p className="brand">Countersign</p>
        <h1 id="new-password-title">Choose a new password</h1>
        <p className="banner info">An admin reset your password. Choose a new one to finish signing in as {email}.</p>
        <Field
          id="new-password"
          label="New password"
          error={errors.newPassword}
          type="password"
          autoComplete="new-password"
          autoFocus
          required
          minLength={8}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          help={<p className="help">At least 8 characters, not the one you were given.</p>}
        />
        <Field
          id="new-password-repeat"
          label="Repeat the new password"
          error={errors.repeat}
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <FormError message={errors.form} />
        <button type="submit" className="primary wide" disabled={state.fetching || next === '' || repeat === ''}>
          {state.fetching ? 'Signing in…' : 'Set password and sign in'}
        </button>
        <button type="button" className="link" onClick={onCancel}>
          Back to sign-in
        </button>
      </form>
    </main>
  );
}
