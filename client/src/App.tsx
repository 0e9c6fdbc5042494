import { lazy, Suspense } from 'react';
import { useMutation } from 'urql';
import { AnonymousApiProvider, SessionApiProvider } from './api';
import { useAuth, useSession } from './auth';
import { ErrorBoundary } from './components/ErrorBoundary';
import { KeyboardShortcuts } from './components/KeyboardShortcuts';
import { graphql } from './gql';
import { useLiveStatus } from './live';
import { NoticeBar, NoticeProvider } from './notice';
import { AccountPage } from './pages/account/AccountPage';
import { AuditPage } from './pages/audit/AuditPage';
import { ContactPage } from './pages/contacts/ContactPage';
import { ContactsPage } from './pages/contacts/ContactsPage';
import { DraftPage } from './pages/draft/DraftPage';
import { IntegrationsPage } from './pages/integrations/IntegrationsPage';
import { QueueAttention } from './pages/queue/QueueAttention';
import { QueueLiveUpdates } from './pages/queue/QueueLiveUpdates';
import { QueuePage } from './pages/queue/QueuePage';
import { SandboxPage } from './pages/sandbox/SandboxPage';
import { SignInPage } from './pages/sign-in/SignInPage';
import { TeamPage } from './pages/team/TeamPage';
import { TelegramPage } from './pages/telegram/TelegramPage';
import { PresenceProvider } from './presence';
import { Link, matchRoute, usePathname } from './router';

// The charts and their library load when the page is first opened, not with the app (README: first load).
const InsightsPage = lazy(() => import('./pages/insights/InsightsPage').then((m) => ({ default: m.InsightsPage })));

export function App() {
  const { session, signOut } = useAuth();
  if (!session) {
    return (
      <AnonymousApiProvider>
        <SignInPage />
      </AnonymousApiProvider>
    );
  }
  return (
    <SessionApiProvider
      key={session.token}
      token={session.token}
      reviewerId={session.reviewer.id}
      onSessionEnded={signOut}
    >
      <NoticeProvider>
        <PresenceProvider>
          <QueueLiveUpdates />
          <QueueAttention />
          <Shell />
        </PresenceProvider>
      </NoticeProvider>
    </SessionApiProvider>
  );
}

function LiveIndicator() {
  const { state } = useLiveStatus();
  const text = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <span className={`live live-${state}`} data-testid="live-status" title="Updates arrive over a live connection">
      {text}
    </span>
  );
}

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

function Shell() {
  const { signOut } = useAuth();
  const [, executeLogout] = useMutation(LogoutMutation);
  const session = useSession();
  const route = matchRoute(usePathname());
  const section = route.name === 'draft' ? 'queue' : route.name === 'contact' ? 'contacts' : route.name;
  const current = (name: string) => (section === name ? 'page' : undefined);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Countersign</span>
        <nav aria-label="Main">
          <Link to="/" aria-current={current('queue')}>
            Queue
          </Link>
          <Link to="/contacts" aria-current={current('contacts')}>
            Contacts
          </Link>
          <Link to="/sandbox" aria-current={current('sandbox')}>
            Sandbox
          </Link>
          <Link to="/insights" aria-current={current('insights')}>
            Insights
          </Link>
          {session.reviewer.role === 'ADMIN' && (
            <>
              <Link to="/team" aria-current={current('team')}>
                Team
              </Link>
              <Link to="/telegram" aria-current={current('telegram')}>
                Telegram
              </Link>
              <Link to="/audit" aria-current={current('audit')}>
                Audit log
              </Link>
              <Link to="/integrations" aria-current={current('integrations')}>
                Integrations
              </Link>
            </>
          )}
        </nav>
        <span className="spacer" />
        <LiveIndicator />
        <KeyboardShortcuts />
        <Link
          to="/account"
          className="who"
          title={`${session.reviewer.email}: your account`}
          aria-current={current('account')}
        >
          {session.reviewer.displayName} <span className="muted small">({session.reviewer.role.toLowerCase()})</span>
        </Link>
        <button type="button" onClick={() => void executeLogout({}).finally(() => signOut())}>
          Sign out
        </button>
      </header>
      <NoticeBar />
      <main>
        <ErrorBoundary key={'id' in route ? `${route.name}:${route.id}` : route.name}>
          {route.name === 'queue' && <QueuePage />}
          {route.name === 'draft' && <DraftPage key={route.id} id={route.id} />}
          {route.name === 'contacts' && <ContactsPage />}
          {route.name === 'contact' && <ContactPage key={route.id} id={route.id} />}
          {route.name === 'sandbox' && <SandboxPage />}
          {route.name === 'team' && <TeamPage />}
          {route.name === 'telegram' && <TelegramPage />}
          {route.name === 'insights' && (
            <Suspense fallback={<p className="page muted">Loading Insights…</p>}>
              <InsightsPage />
            </Suspense>
          )}
          {route.name === 'audit' && <AuditPage />}
          {route.name === 'integrations' && <IntegrationsPage />}
          {route.name === 'account' && <AccountPage />}
          {route.name === 'notFound' && (
            <section className="page">
              <h1>Not found</h1>
              <p>
                There is no page here. <Link to="/">Go to the queue.</Link>
              </p>
            </section>
          )}
        </ErrorBoundary>
      </main>
    </div>
  );
}
