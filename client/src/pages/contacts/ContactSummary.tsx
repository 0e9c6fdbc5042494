import { type FragmentType, getFragmentData } from '../../gql';
import { statusLabel } from '../../lib/funnel';
import { dayTime } from '../../lib/time';
import { ContactSummaryContact } from './operations';

/** Who the person is on Telegram, where they are in the funnel and what they have paid. */
export function ContactSummary({ contact: contactRef }: { contact: FragmentType<typeof ContactSummaryContact> }) {
  const contact = getFragmentData(ContactSummaryContact, contactRef);
  return (
    <dl className="contact-summary" aria-label="Contact details">
      <div>
        <dt>Telegram id</dt>
        <dd>{contact.telegramUserId}</dd>
      </div>
      <div>
        <dt>Username</dt>
        <dd>{contact.username ? `@${contact.username}` : <span className="muted">none</span>}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>{statusLabel(contact.customerStatus)}</dd>
      </div>
      <div>
        <dt>LTV</dt>
        <dd data-testid="contact-ltv">{contact.ltv}</dd>
      </div>
      <div>
        <dt>First wrote</dt>
        <dd>
          <time dateTime={contact.createdAt} title={new Date(contact.createdAt).toLocaleString()}>
            {dayTime(contact.createdAt)}
          </time>
        </dd>
      </div>
    </dl>
  );
}
