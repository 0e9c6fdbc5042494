import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../../auth';
import { getFragmentData } from '../../gql';
import type { InsightsMeasuresFragment } from '../../gql/graphql';
import { type CsvCell, toCsv } from '../../lib/csv';
import { saveCsv } from '../../lib/download';
import { describeCombinedError } from '../../lib/errors';
import { statusLabel } from '../../lib/funnel';
import { useTitle } from '../../router';
import { FunnelChart } from './FunnelChart';
import { amount, decimal, percent, seconds, timeUnit, usd, whole } from './format';
import './insights.css';
import { InsightsFunnelQuery, InsightsMeasures, InsightsReviewQuery } from './operations';
import { RangePicker } from './RangePicker';
import { type ReviewerRow, ReviewerTable } from './ReviewerTable';
import { type RangeChoice, rangeFromSearch, rangeToSearch, statsRange } from './range';
import { type ChartSeries, TimeChart, type TooltipLine } from './TimeChart';
import { TrainingExport } from './TrainingExport';

/** The app's palette (styles.css), for the canvas. */
const COLOR = {
  approved: '#1d7a46',
  rejected: '#b42318',
  accent: '#2859c5',
  warn: '#b07a00',
  violet: '#7b4bb7',
};

type Day = InsightsMeasuresFragment & { day: string };

const count = (noun: string) => (v: number) => `${whole(v)} ${noun}`;

/** A CSV download button for one section: the same numbers the section shows, unrounded. */
function CsvButton({ label, file, build }: { label: string; file: string; build(): string }) {
  return (
    <button
      type="button"
      className="small-button"
      onClick={() => saveCsv(build(), file)}
      aria-label={`Download ${label} as CSV`}
    >
      CSV
    </button>
  );
}

/**
 * Charts of how reviewing goes (decisions, edits, review and wait time, LLM spend), the funnel and LTV,
 * per UTC day over a chosen range, a table per reviewer, CSV downloads, and for admins the training data
 * export. Loaded on demand (App.tsx), so its chart library stays out of the app's first load.
 */
export function InsightsPage() {
  useTitle('Insights');
  const session = useSession();
  const admin = session.reviewer.role === 'ADMIN';
  const [choice, setChoiceState] = useState<RangeChoice>(() => rangeFromSearch(window.location.search));
  // "now" is fixed when the range is chosen, so the variables (and the cached answer) stay put until then.
  const [asked, setAsked] = useState(() => Date.now());
  const range = useMemo(() => statsRange(choice, asked), [choice, asked]);
  const setChoice = (next: RangeChoice) => {
    setChoiceState(next);
    setAsked(Date.now());
    window.history.replaceState(null, '', `${window.location.pathname}${rangeToSearch(next)}`);
  };

  const [review, refetchReview] = useQuery({ query: InsightsReviewQuery, variables: range });
  const [funnel, refetchFunnel] = useQuery({ query: InsightsFunnelQuery, variables: range });
  const stats = review.data?.reviewStats;
  const funnelStats = funnel.data?.funnelStats;

  const total = stats ? getFragmentData(InsightsMeasures, stats) : null;
  const days: Day[] = useMemo(
    () => (stats?.daily ?? []).map((d) => ({ ...getFragmentData(InsightsMeasures, d), day: d.day })),
    [stats],
  );
  const dayKeys = useMemo(() => days.map((d) => d.day), [days]);
  const reviewers: ReviewerRow[] = useMemo(
    () => (stats?.byReviewer ?? []).map((r) => ({ ...getFragmentData(InsightsMeasures, r), reviewer: r.reviewer })),
    [stats],
  );
  const funnelDays = funnelStats?.daily ?? [];
  const funnelDayKeys = useMemo(() => funnelDays.map((d) => d.day), [funnelDays]);

  const charts = useMemo(() => {
    const times = days.flatMap((d) => [d.medianReviewSeconds ?? 0, d.p90ReviewSeconds ?? 0, d.medianWaitSeconds ?? 0]);
    const unit = timeUnit(Math.max(0, ...times));
    const inUnit = (v: number | null) => (v === null ? null : v / unit.divisor);
    // The running sum is a line only when something was paid: a flat zero would hide the empty state.
    const paid = funnelDays.some((d) => Number(d.ltvAdded) !== 0);
    const runningSum: Array<number | null> = [];
    for (const d of funnelDays) runningSum.push(paid ? (runningSum.at(-1) ?? 0) + Number(d.ltvAdded) : null);
    return {
      decisions: [
        {
          label: 'Approved',
          color: COLOR.approved,
          kind: 'bar',
          values: days.map((d) => d.approved),
          format: count('approved'),
        },
        {
          label: 'Rejected',
          color: COLOR.rejected,
          kind: 'bar',
          values: days.map((d) => d.rejected),
          format: count('rejected'),
        },
      ] satisfies ChartSeries[],
      edits: [
        {
          label: 'Edited share',
          color: COLOR.accent,
          kind: 'line',
          values: days.map((d) => d.editedShare),
          format: percent,
        },
        {
          label: 'Mean edit distance',
          color: COLOR.warn,
          kind: 'line',
          values: days.map((d) => d.meanEditDistance),
          format: percent,
        },
      ] satisfies ChartSeries[],
      times: {
        unit,
        series: [
          {
            label: 'Median review',
            color: COLOR.accent,
            kind: 'line',
            values: days.map((d) => inUnit(d.medianReviewSeconds)),
            format: (v: number) => seconds(v * unit.divisor),
          },
          {
            label: 'p90 review',
            color: COLOR.violet,
            kind: 'line',
            values: days.map((d) => inUnit(d.p90ReviewSeconds)),
            format: (v: number) => seconds(v * unit.divisor),
          },
          {
            label: 'Median wait',
            color: COLOR.warn,
            kind: 'line',
            values: days.map((d) => inUnit(d.medianWaitSeconds)),
            format: (v: number) => seconds(v * unit.divisor),
          },
        ] satisfies ChartSeries[],
      },
      decisionsExtra: [
        { label: 'Approval rate', values: days.map((d) => d.approvalRate), format: percent },
      ] satisfies TooltipLine[],
      cost: [
        {
          label: 'LLM cost',
          color: COLOR.accent,
          kind: 'bar',
          values: days.map((d) => Number(d.llmCostUsd)),
          format: usd,
        },
      ] satisfies ChartSeries[],
      costExtra: [
        { label: 'Calls', values: days.map((d) => d.llmCalls), format: whole },
        { label: 'Tokens', values: days.map((d) => d.llmTokens), format: whole },
      ] satisfies TooltipLine[],
      ltv: [
        {
          label: 'Added that day',
          color: COLOR.approved,
          kind: 'bar',
          values: funnelDays.map((d) => Number(d.ltvAdded)),
          format: amount,
        },
        {
          label: 'Added since the first day',
          color: COLOR.accent,
          kind: 'line',
          values: runningSum,
          format: amount,
        },
      ] satisfies ChartSeries[],
      ltvExtra: [
        { label: 'New customers', values: funnelDays.map((d) => d.newCustomers), format: whole },
        { label: 'Won back', values: funnelDays.map((d) => d.winBacks), format: whole },
      ] satisfies TooltipLine[],
    };
  }, [days, funnelDays]);

  const rangeName = `${range.from.slice(0, 10)}_${new Date(Date.parse(range.to) - 1).toISOString().slice(0, 10)}`;
  const file = (what: string) => `countersign-${what}-${rangeName}.csv`;
  const dailyCsv = (header: string[], row: (d: Day) => CsvCell[]) => () =>
    toCsv(
      ['day', ...header],
      days.map((d) => [d.day, ...row(d)]),
    );

  const refresh = () => {
    setAsked(Date.now());
    refetchReview({ requestPolicy: 'network-only' });
    refetchFunnel({ requestPolicy: 'network-only' });
  };

  const error = (!stats && review.error) || (!funnelStats && funnel.error);
  return (
    <section className="page insights">
      <header className="page-head">
        <h1>Insights</h1>
        <RangePicker value={choice} onChange={setChoice} />
        <span className="spacer" />
        <button type="button" onClick={refresh} disabled={review.fetching || funnel.fetching}>
          {review.fetching || funnel.fetching ? 'Loading…' : 'Refresh'}
        </button>
      </header>

      {error && (
        <p className="banner error" role="alert">
          {describeCombinedError(error)}
        </p>
      )}
      {!error && (!stats || !funnelStats) && <p className="muted">Loading the numbers…</p>}

      {total && stats && funnelStats && (
        <>
          <dl className="tiles" aria-label="In these days">
            <div className="tile">
              <dt>Decided</dt>
              <dd>{whole(total.decided)}</dd>
              <dd className="muted small">
                {whole(total.approved)} approved · {whole(total.rejected)} rejected
              </dd>
            </div>
            <div className="tile">
              <dt>Approval rate</dt>
              <dd>{percent(total.approvalRate)}</dd>
              <dd className="muted small">of the drafts decided</dd>
            </div>
            <div className="tile">
              <dt>Edited before sending</dt>
              <dd>{percent(total.editedShare)}</dd>
              <dd className="muted small">mean edit distance {percent(total.meanEditDistance)}</dd>
            </div>
            <div className="tile">
              <dt>Median review</dt>
              <dd>{seconds(total.medianReviewSeconds)}</dd>
              <dd className="muted small">p90 {seconds(total.p90ReviewSeconds)}</dd>
            </div>
            <div className="tile">
              <dt>Median wait</dt>
              <dd>{seconds(total.medianWaitSeconds)}</dd>
              <dd className="muted small">from the queue to the first claim</dd>
            </div>
            <div className="tile">
              <dt>LLM cost</dt>
              <dd>{usd(Number(total.llmCostUsd))}</dd>
              <dd className="muted small">
                {whole(total.llmCalls)} calls · {whole(total.llmTokens)} tokens
              </dd>
            </div>
            <div className="tile">
              <dt>Messages per reply</dt>
              <dd>{decimal(total.messagesPerDraft)}</dd>
              <dd className="muted small">folded into one draft</dd>
            </div>
            <div className="tile">
              <dt>LTV added</dt>
              <dd>{amount(Number(funnelStats.ltvAdded))}</dd>
              <dd className="muted small">{amount(Number(funnelStats.ltvTotal))} in all</dd>
            </div>
          </dl>

          <div className="chart-grid">
            <TimeChart
              testId="chart-decisions"
              title="Approvals and rejections"
              description="Drafts approved and rejected per day."
              days={dayKeys}
              series={charts.decisions}
              extra={charts.decisionsExtra}
              yLabel="Drafts"
              yTick={whole}
              integer
              empty="No drafts were approved or rejected in these days. They show here as reviewers work the queue; or choose a longer range."
              actions={
                <CsvButton
                  label="approvals and rejections"
                  file={file('decisions')}
                  build={dailyCsv(['approved', 'rejected', 'decided', 'approval_rate'], (d) => [
                    d.approved,
                    d.rejected,
                    d.decided,
                    d.approvalRate,
                  ])}
                />
              }
            />
            <TimeChart
              testId="chart-edits"
              title="Edits"
              description="Of the drafts approved each day: the share a reviewer changed, and the mean edit distance (characters changed over the longer text)."
              days={dayKeys}
              series={charts.edits}
              yLabel="Share of approved drafts (%)"
              yTick={(v) => percent(v)}
              share
              empty="No approved drafts in these days, so no edits to measure. Approve drafts in the queue, or choose a longer range."
              actions={
                <CsvButton
                  label="edits"
                  file={file('edits')}
                  build={dailyCsv(['approved', 'edited', 'edited_share', 'mean_edit_distance'], (d) => [
                    d.approved,
                    d.edited,
                    d.editedShare,
                    d.meanEditDistance,
                  ])}
                />
              }
            />
            <TimeChart
              testId="chart-times"
              title="Review and wait time"
              description="Per day: the median and 90th percentile of claim to decision, and the median wait from entering the queue to the first claim."
              days={dayKeys}
              series={charts.times.series}
              yLabel={charts.times.unit.label}
              yTick={(v) => decimal(v)}
              empty="No review or wait times in these days. They are measured when a reviewer claims a draft from the queue and decides it."
              actions={
                <CsvButton
                  label="review and wait time"
                  file={file('times')}
                  build={dailyCsv(['median_review_seconds', 'p90_review_seconds', 'median_wait_seconds'], (d) => [
                    d.medianReviewSeconds,
                    d.p90ReviewSeconds,
                    d.medianWaitSeconds,
                  ])}
                />
              }
            />
            <TimeChart
              testId="chart-cost"
              title="LLM cost"
              description="What the calls to the language model cost each day, in US dollars."
              days={dayKeys}
              series={charts.cost}
              extra={charts.costExtra}
              yLabel="US dollars"
              yTick={usd}
              empty="No LLM calls cost anything in these days. Costs are recorded for each call to the model endpoint (OPENAI_BASE_URL); the offline drafter costs nothing."
              actions={
                <CsvButton
                  label="LLM cost"
                  file={file('llm-cost')}
                  build={dailyCsv(['llm_cost_usd', 'llm_calls', 'llm_tokens'], (d) => [
                    d.llmCostUsd,
                    d.llmCalls,
                    d.llmTokens,
                  ])}
                />
              }
            />
            <TimeChart
              testId="chart-ltv"
              title="Lifetime value"
              description={`Payments recorded per day, and their running sum over these days (${amount(Number(funnelStats.ltvTotal))} in all, ever).`}
              days={funnelDayKeys}
              series={charts.ltv}
              extra={charts.ltvExtra}
              yLabel="LTV (amount)"
              yTick={(v) => decimal(v)}
              empty="No payments recorded in these days. Add an LTV amount when you approve a draft with the status Customer, or on a contact's page."
              actions={
                <CsvButton
                  label="lifetime value"
                  file={file('ltv')}
                  build={() =>
                    toCsv(
                      ['day', 'ltv_added', 'new_customers', 'win_backs'],
                      funnelDays.map((d) => [d.day, d.ltvAdded, d.newCustomers, d.winBacks]),
                    )
                  }
                />
              }
            />
            <FunnelChart
              byStatus={funnelStats.byStatus}
              transitions={funnelStats.transitions}
              actions={
                <CsvButton
                  label="funnel"
                  file={file('funnel')}
                  build={() =>
                    toCsv(
                      ['kind', 'status', 'to_status', 'count', 'overrides'],
                      [
                        ...funnelStats.byStatus.map((s) => [
                          'contacts now',
                          statusLabel(s.status),
                          null,
                          s.contacts,
                          null,
                        ]),
                        ...funnelStats.transitions.map((t) => [
                          'changes in range',
                          statusLabel(t.from),
                          statusLabel(t.to),
                          t.count,
                          t.overrides,
                        ]),
                      ],
                    )
                  }
                />
              }
            />
          </div>

          <ReviewerTable
            rows={reviewers}
            everyone={admin}
            actions={
              <CsvButton
                label="per reviewer"
                file={file('reviewers')}
                build={() =>
                  toCsv(
                    [
                      'reviewer',
                      'email',
                      'decided',
                      'approved',
                      'rejected',
                      'approval_rate',
                      'edited_share',
                      'mean_edit_distance',
                      'median_review_seconds',
                      'p90_review_seconds',
                      'median_wait_seconds',
                      'llm_cost_usd',
                    ],
                    reviewers.map((r) => [
                      r.reviewer.displayName,
                      r.reviewer.email,
                      r.decided,
                      r.approved,
                      r.rejected,
                      r.approvalRate,
                      r.editedShare,
                      r.meanEditDistance,
                      r.medianReviewSeconds,
                      r.p90ReviewSeconds,
                      r.medianWaitSeconds,
                      r.llmCostUsd,
                    ]),
                  )
                }
              />
            }
          />
          <p className="muted small">
            Days are UTC days. The first and last day of a range may be partial; today counts up to now.
          </p>
        </>
      )}

      {admin && <TrainingExport token={session.token} />}
    </section>
  );
}
