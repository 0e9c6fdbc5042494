import { useState } from 'react';
import { FormError } from '../../components/FormError';
import { playTone } from '../../lib/tone';
import { type DeskSettings, useSettings } from '../../settings';

type Permission = NotificationPermission | 'unsupported';

const currentPermission = (): Permission => ('Notification' in window ? Notification.permission : 'unsupported');

/** The reviewer's desk settings; each checkbox saves at once, for every device the reviewer signs in on. */
export function DeskSettingsForm() {
  const { settings: saved, loaded, save } = useSettings();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A box shows its new state at once, while it is saved; a refusal puts the saved state back.
  const [pending, setPending] = useState<Partial<DeskSettings>>({});
  const settings = { ...saved, ...pending };
  const [permission, setPermission] = useState<Permission>(currentPermission);

  const change = async (next: Partial<DeskSettings>) => {
    setError(null);
    setSaving(true);
    setPending(next);
    setError(await save(next));
    setPending({});
    setSaving(false);
  };

  // Permission is asked for here, after the reviewer's own click, never on page load.
  const changeNotifications = async (on: boolean) => {
    if (on && permission !== 'granted') {
      if (permission === 'unsupported') return setError('This browser cannot show notifications.');
      const answer = await Notification.requestPermission();
      setPermission(answer);
      if (answer !== 'granted')
        return setError('The browser did not allow notifications; allow them in its site settings.');
    }
    await change({ notifications: on });
  };

  return (
    <section className="card account-settings" aria-labelledby="desk-settings-title">
      <h2 id="desk-settings-title">Desk settings</h2>
      <p className="help">Saved with your account, so they follow you to every device.</p>
      {/* Until the saved settings arrive the boxes show the defaults: they cannot be changed from those. */}
      <fieldset className="plain settings-list" disabled={saving || !loaded} aria-busy={!loaded}>
        <label className="check" htmlFor="setting-approve-next">
          <input
            id="setting-approve-next"
            type="checkbox"
            checked={settings.approveAndNext}
            onChange={(e) => void change({ approveAndNext: e.target.checked })}
          />
          Approve and next: after approving or rejecting, open the next waiting draft
        </label>
        <label className="check" htmlFor="setting-sound">
          <input
            id="setting-sound"
            type="checkbox"
            checked={settings.sound}
            onChange={(e) => {
              if (e.target.checked) playTone();
              void change({ sound: e.target.checked });
            }}
          />
          Play a sound when a draft arrives while this tab is in the background
        </label>
        <label className="check" htmlFor="setting-notifications">
          <input
            id="setting-notifications"
            type="checkbox"
            checked={settings.notifications && permission === 'granted'}
            onChange={(e) => void changeNotifications(e.target.checked)}
            aria-describedby="setting-notifications-help"
          />
          Show a notification when a draft arrives while this tab is in the background
        </label>
        <p className="help" id="setting-notifications-help">
          {permission === 'denied'
            ? 'Notifications are blocked for this site; allow them in the browser’s site settings.'
            : 'The browser asks for permission the first time you turn this on.'}
        </p>
      </fieldset>
      <FormError message={error} />
    </section>
  );
}
