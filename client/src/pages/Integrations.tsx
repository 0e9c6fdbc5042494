import { useSession } from '../auth';
import { ApiKeysSection } from '../integrations/ApiKeysSection';
import { useTitle } from '../router';

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
          {/* Webhooks: client/src/integrations/WebhooksSection.tsx is mounted here. */}
        </>
      ) : (
        <p>Only admins can manage integrations.</p>
      )}
    </section>
  );
}
