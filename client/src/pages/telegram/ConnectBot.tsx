import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { type FieldErrors, payloadOf, placeError } from '../../lib/errors';
import { AddBotAccountMutation } from './connectOperations';
import { describeLoginError } from './loginErrors';

/** Connects a bot by the token @BotFather gave; the server checks it with Telegram before saving it. */
export function ConnectBot({ onConnected }: { onConnected?(accountId: string): void }) {
  const [label, setLabel] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'label' | 'token'>>({});
  const [added, setAdded] = useState<string | null>(null);
  const [state, addBot] = useMutation(AddBotAccountMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setAdded(null);
    const result = await addBot({ label: label.trim(), token: token.trim() });
    const outcome = payloadOf(result, 'addBotAccount', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename !== 'ConnectedTelegramAccount') {
      return setErrors(placeError({ ...outcome, message: describeLoginError(outcome) }, ['label', 'token']));
    }
    setLabel('');
    setToken('');
    onConnected?.(outcome.accountId);
    setAdded(
      `Added ${outcome.account?.label ?? label}${outcome.account?.username ? ` (@${outcome.account.username})` : ''}.`,
    );
  };

  return (
    <form className="card telegram-connect" onSubmit={submit} aria-labelledby="connect-bot-title" noValidate>
      <h2 id="connect-bot-title">Connect a bot</h2>
      {added && (
        <p className="banner info" role="status">
          {added}
        </p>
      )}
      <Field
        id="bot-label"
        label="Label"
        error={errors.label}
        maxLength={100}
        autoComplete="off"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <Field
        id="bot-token"
        label="Bot token"
        error={errors.token}
        help={
          <p className="help">From @BotFather, like 123456789:AAE…. It is stored encrypted and never shown again.</p>
        }
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <FormError message={errors.form} />
      <button type="submit" disabled={state.fetching || !label.trim() || !token.trim()}>
        {state.fetching ? 'Checking with Telegram…' : 'Connect bot'}
      </button>
    </form>
  );
}
