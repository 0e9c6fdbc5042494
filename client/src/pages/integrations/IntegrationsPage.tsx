import { useSession } from '../../auth';
import { useTitle } from '../../router';
import { WebhooksSection } from './WebhooksSection';

/** What integrators' tools are given: webhooks (API keys join them here); admins only. */
export function IntegrationsPage() {
  useTitle('Integrations');
  const session = useSession();
  return (
    <section className="page">
      <header className="page-head">
        <h1>Integrations</h1>
      </header>
      {session.reviewer.role === 'ADMIN' ? <WebhooksSection /> : <p>Only admins can manage integrations.</p>}
    </section>
  );
}
