import { type FragmentType, getFragmentData } from '../gql';
import type { PersonPanelContactFragment } from '../gql/graphql';
import { formalityWord, hoursRange, languageName, moodTrend, percent, TREND_WORDS, valenceWord } from '../lib/person';
import { duration } from '../lib/time';
import { PersonPanelContact } from './fragments';
import { MoodSparkline } from './MoodSparkline';

/** Interests shown at a glance; the contact page's corrections list them all. */
const TOP_INTERESTS = 6;

type Profile = NonNullable<PersonPanelContactFragment['profile']>;

/**
 * Who the person is, as far as Countersign knows: summary, language, mood and its trend, top interests with
 * confidence, and how they write. All of it is plain text.
 */
export function PersonPanel({ contact: contactRef }: { contact: FragmentType<typeof PersonPanelContact> }) {
  const { profile } = getFragmentData(PersonPanelContact, contactRef);
  return (
    <section className="card person-panel" aria-labelledby="person-title" data-testid="person-panel">
      <h2 id="person-title">Who they are</h2>
      {profile ? (
        <ProfileView profile={profile} />
      ) : (
        <p className="muted">Nothing known yet: the profile fills in as they write.</p>
      )}
    </section>
  );
}

function ProfileView({ profile }: { profile: Profile }) {
  const { mood, style } = profile;
  const trend = moodTrend(profile.moodHistory);
  const interests = profile.preferences.slice(0, TOP_INTERESTS);
  return (
    <>
      {profile.summary ? (
        <p className="person-summary" data-testid="person-summary">
          {profile.summary}
        </p>
      ) : (
        <p className="muted small">No summary yet.</p>
      )}
      <dl className="person-facts">
        <div>
          <dt>Language</dt>
          <dd>{profile.language ? languageName(profile.language) : <span className="muted">not known</span>}</dd>
        </div>
        <div>
          <dt>Mood</dt>
          <dd data-testid="person-mood">
            {mood ? (
              <>
                {mood.label}{' '}
                <span className="muted small">
                  ({valenceWord(mood.valence)}, {percent(mood.intensity)})
                </span>
                {trend && (
                  <span className={`trend trend-${trend}`} title={`Mood ${TREND_WORDS[trend].text}`}>
                    {' '}
                    {TREND_WORDS[trend].arrow} {TREND_WORDS[trend].text}
                  </span>
                )}{' '}
                <MoodSparkline readings={profile.moodHistory} />
              </>
            ) : (
              <span className="muted">not known</span>
            )}
          </dd>
        </div>
      </dl>
      <h3>Interests</h3>
      {interests.length === 0 ? (
        <p className="muted small">None noticed yet.</p>
      ) : (
        <ul className="interests" aria-label="Interests">
          {interests.map((preference) => (
            <li key={preference.id} className="interest" data-stance={preference.stance}>
              <span className="interest-topic">
                {preference.stance === 'LIKES' ? 'Likes' : 'Dislikes'} <strong>{preference.topic}</strong>
                {preference.pinned && (
                  <span className="badge" title="Set by a reviewer: extraction never changes it">
                    pinned
                  </span>
                )}
              </span>
              <meter
                min={0}
                max={1}
                value={preference.confidence}
                aria-label={`Confidence in ${preference.topic}`}
                title={`Confidence ${percent(preference.confidence)}`}
              />
              <span className="muted small">{percent(preference.confidence)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>How they write</h3>
      <p className="small person-style" data-testid="person-style">
        {style.messages} messages · about {Math.round(style.meanLength)} characters · {percent(style.questionRate)}{' '}
        questions · {percent(style.emojiRate)} with emoji
        {style.formality != null && ` · ${formalityWord(style.formality)}`}
        {style.typicalReplySeconds != null && ` · answers in about ${duration(style.typicalReplySeconds)}`}
        {style.activeHoursUtc.length > 0 && ` · writes at ${hoursRange(style.activeHoursUtc)}`}
      </p>
    </>
  );
}
