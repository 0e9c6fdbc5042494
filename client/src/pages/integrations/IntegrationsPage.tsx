import { useSession } from '../../auth';
import { useTitle } from '../../router';
import { ApiKeysSection } from './ApiKeysSection';
import { WebhooksSection } from './WebhooksSection';

/** What integrators need from an admin: API keys, and (beside them) webhooks. */
export function IntegrationsPage() {
  useTitle('Integrations');
  const session = useSession();
  return (
    <section className="page">
      <header className="page-head">
        <h1>Integrations</h1>
      </header>
      {session.reviewer.role === 'ADMIN' ? (
        <>
          <ApiKeysSection />
          <WebhooksSection />
        </>
      ) : (
        <p>Only admins can manage integrations.</p>
      )}
    </section>
  );
}
