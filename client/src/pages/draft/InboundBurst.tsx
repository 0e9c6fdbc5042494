import { type FragmentType, getFragmentData } from '../../gql';
import { statusLabel } from '../../lib/funnel';
import { keyedByContent } from '../../lib/listKeys';
import { clockTime } from '../../lib/time';
import { contactPath, Link } from '../../router';
import { InboundBurstDraft } from './operations';

/** What the person wrote: their burst, one paragraph per message, as plain text. */
export function InboundBurst({ draft: draftRef }: { draft: FragmentType<typeof InboundBurstDraft> }) {
  const draft = getFragmentData(InboundBurstDraft, draftRef);
  const { contact } = draft;
  const messages = draft.inboundText.split('\n');
  return (
    <section className="card" aria-labelledby="inbound-title">
      <h2 id="inbound-title">
        <Link to={contactPath(contact.id)} title="Open the contact">
          {contact.displayName}
        </Link>
        {contact.username && <span className="muted small"> @{contact.username}</span>}
      </h2>
      <p className="muted small">
        Telegram {contact.telegramUserId} · {statusLabel(contact.customerStatus)} · LTV {contact.ltv}
      </p>
      <div className="burst" data-testid="inbound-burst">
        {keyedByContent(messages, (line) => line).map(({ key, item: line }) => (
          <p key={key} className="bubble inbound">
            {line}
          </p>
        ))}
        <p className="muted small">Received {clockTime(draft.createdAt)}</p>
      </div>
      {draft.newMessages.length > 0 && (
        <div className="burst new-messages" data-testid="new-messages" aria-live="polite">
          <h3>Since you opened this draft</h3>
          {draft.newMessages.map((message) => (
            <p key={message.id} className="bubble inbound">
              {message.text}
            </p>
          ))}
          <p className="muted small">Redraft to answer them too, or approve as it is and they start the next draft.</p>
        </div>
      )}
    </section>
  );
}
