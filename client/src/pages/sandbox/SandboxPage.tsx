import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { Field } from '../../components/Field';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useTitle } from '../../router';
import { SandboxAccountsQuery } from './operations';
import { SandboxChat, type SendField } from './SandboxChat';

const STORAGE_KEY = 'countersign.sandbox';
const TELEGRAM_ID = /^\d{1,20}$/;

/** The made-up Telegram user the sandbox writes as (not a Persona, which is who drafting speaks for). */
interface SandboxUser {
  telegramUserId: string;
  firstName: string;
}

function readSandboxUser(): SandboxUser {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<SandboxUser> | null;
    if (stored && typeof stored.telegramUserId === 'string' && typeof stored.firstName === 'string') {
      return { telegramUserId: stored.telegramUserId, firstName: stored.firstName };
    }
  } catch {
    // A damaged entry: start over.
  }
  return { telegramUserId: '1001', firstName: 'Test' };
}

/** Plays a Telegram user: what they write goes through intake like a real message. */
export function SandboxPage() {
  useTitle('Sandbox');
  const [user, setUser] = useState<SandboxUser>(readSandboxUser);
  const { errors, setErrors } = useFieldErrors<SendField>();
  const validId = TELEGRAM_ID.test(user.telegramUserId.trim());
  const chatId = validId ? user.telegramUserId.trim() : null;
  const [{ data: accounts }] = useQuery({ query: SandboxAccountsQuery });
  const sandboxes = (accounts?.telegramAccounts ?? []).filter((a) => a.kind === 'SANDBOX');
  const [accountId, setAccountId] = useState('sandbox');

  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
  }, [user]);

  return (
    <section className="page sandbox">
      <p className="sandbox-label" role="note">
        Sandbox — plays Telegram, nothing leaves Countersign
      </p>
      <header className="page-head">
        <h1>Sandbox chat</h1>
      </header>
      <div className="sandbox-grid">
        <form className="card sandbox-user" onSubmit={(e) => e.preventDefault()} aria-label="Telegram user">
          <h2>Write as</h2>
          <div className="field">
            <label htmlFor="sandbox-user-id">Telegram user id</label>
            <input
              id="sandbox-user-id"
              inputMode="numeric"
              autoComplete="off"
              value={user.telegramUserId}
              onChange={(e) => setUser({ ...user, telegramUserId: e.target.value })}
              aria-invalid={!validId || errors.telegramUserId ? true : undefined}
            />
            {!validId ? (
              <p className="field-error">Digits only, such as 1001.</p>
            ) : (
              errors.telegramUserId && (
                <p className="field-error" role="alert">
                  {errors.telegramUserId}
                </p>
              )
            )}
          </div>
          <Field id="sandbox-first-name" label="First name" error={errors.firstName}>
            {/* Only the id: this input does not set aria-invalid. */}
            {({ id }) => (
              <input
                id={id}
                autoComplete="off"
                maxLength={200}
                value={user.firstName}
                onChange={(e) => setUser({ ...user, firstName: e.target.value })}
              />
            )}
          </Field>
          {sandboxes.length > 1 && (
            <div className="field">
              <label htmlFor="sandbox-account">To the account</label>
              <select id="sandbox-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
                {sandboxes.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                    {a.disabled ? ' (disabled)' : ''}
                  </option>
                ))}
              </select>
            </div>
          )}
          <p className="help">Each id is its own person and chat. The name is used when the person first writes.</p>
        </form>
        {chatId ? (
          <SandboxChat
            key={`${accountId}:${chatId}`}
            telegramUserId={chatId}
            {...(accountId !== 'sandbox' ? { accountId } : {})}
            firstName={user.firstName}
            errors={errors}
            setErrors={setErrors}
          />
        ) : (
          <div className="card chat muted">Enter a Telegram user id to open the chat.</div>
        )}
      </div>
    </section>
  );
}
