import { type ReactNode, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { dayLabel } from './range';

export interface TooltipLine {
  label: string;
  /** One value per day; null where there is nothing to measure (no line is drawn there). */
  values: ReadonlyArray<number | null>;
  /** The value as the tooltip says it, with its unit: "$0.0042", "12%", "4 min". */
  format(value: number): string;
}

export interface ChartSeries extends TooltipLine {
  /** A CSS colour; canvas cannot read the stylesheet's variables. */
  color: string;
  kind: 'bar' | 'line';
}

interface Props {
  /** The chart's heading, also its accessible name. */
  title: string;
  /** What the chart shows, in a sentence, for screen readers and under the heading. */
  description: string;
  /** UTC days (YYYY-MM-DD), one per point, oldest first. */
  days: readonly string[];
  series: readonly ChartSeries[];
  /** The y axis's title with its unit, shown above the axis: "Drafts", "US dollars". */
  yLabel: string;
  /** A tick value on the y axis. */
  yTick(value: number): string;
  /** Fix the y axis to [0, 1] for shares. */
  share?: boolean;
  /** Counts: ticks on whole numbers only. */
  integer?: boolean;
  /** More figures of each day for the tooltip, not drawn (the calls behind a day's cost). */
  extra?: readonly TooltipLine[];
  /** Shown instead of the chart when no series has a value: what to do to get one. */
  empty: ReactNode;
  /** Buttons shown beside the heading (the CSV download). */
  actions?: ReactNode;
  testId: string;
}

const HEIGHT = 220;
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const AXIS_COLOR = '#5f6878';
const GRID_COLOR = '#eceff3';

/** Something to draw: a bar above zero, or a line's point (0% edited is a measure; a day without one is null). */
function hasData(series: readonly ChartSeries[]): boolean {
  return series.some((s) => s.values.some((v) => v !== null && (s.kind === 'line' || v !== 0)));
}

/**
 * A tooltip on hover: the day, then each series with its formatted value. Built with textContent, so
 * nothing in a label is ever read as HTML.
 */
function tooltipPlugin(days: readonly string[], series: readonly TooltipLine[]): uPlot.Plugin {
  let tip: HTMLDivElement | null = null;
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'chart-tip';
        tip.hidden = true;
        u.over.append(tip);
      },
      setCursor: (u) => {
        if (!tip) return;
        const idx = u.cursor.idx;
        const day = idx == null ? undefined : days[idx];
        if (idx == null || day === undefined || u.cursor.left == null || u.cursor.left < 0) {
          tip.hidden = true;
          return;
        }
        const lines = [dayLabel(day, true)];
        for (const s of series) {
          const value = s.values[idx];
          lines.push(`${s.label}: ${value === null || value === undefined ? '–' : s.format(value)}`);
        }
        tip.replaceChildren(
          ...lines.map((text, i) => {
            const line = document.createElement(i === 0 ? 'strong' : 'div');
            line.textContent = text;
            return line;
          }),
        );
        tip.hidden = false;
        // Beside the cursor, flipped to its left near the right edge so it stays inside the chart.
        const x = u.valToPos(idx, 'x');
        const flip = x > u.over.clientWidth / 2;
        tip.style.left = flip ? '' : `${x + 12}px`;
        tip.style.right = flip ? `${u.over.clientWidth - x + 12}px` : '';
        tip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 20)}px`;
      },
    },
  };
}

function options(props: Props, width: number): uPlot.Options {
  const { days, series, yTick, share, integer, extra = [] } = props;
  const bars = series.filter((s) => s.kind === 'bar').length;
  let bar = 0;
  return {
    width,
    height: HEIGHT,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    scales: {
      // Days are categories at 0 … n-1: half a day of room at each end keeps the outer bars whole.
      x: { time: false, range: () => [-0.5, days.length - 0.5] },
      y: {
        range: (_u, _min, max) => (share ? [0, 1] : [0, max > 0 ? max * 1.1 : 1]),
      },
    },
    axes: [
      {
        font: AXIS_FONT,
        stroke: AXIS_COLOR,
        grid: { show: false },
        ticks: { stroke: GRID_COLOR },
        space: 56,
        incrs: [1, 2, 7, 14, 28, 56, 91],
        values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && days[i] ? dayLabel(days[i]) : '')),
      },
      {
        font: AXIS_FONT,
        stroke: AXIS_COLOR,
        grid: { stroke: GRID_COLOR },
        ticks: { show: false },
        size: 64,
        ...(integer ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000] } : {}),
        values: (_u, splits) => splits.map(yTick),
      },
    ],
    series: [
      {},
      ...series.map((s): uPlot.Series => {
        if (s.kind === 'line') {
          return { label: s.label, stroke: s.color, width: 2, points: { show: days.length <= 31, size: 5 } };
        }
        // Side by side: the first bar ends at the day's centre, the second starts there.
        const align = bars < 2 ? 0 : bar++ === 0 ? -1 : 1;
        return {
          label: s.label,
          stroke: s.color,
          fill: s.color,
          width: 0,
          paths: uPlot.paths.bars?.({ size: [bars < 2 ? 0.7 : 0.38, 48], align }),
          points: { show: false },
        };
      }),
    ],
    plugins: [tooltipPlugin(days, [...series, ...extra])],
  };
}

/**
 * One chart of daily values (uPlot on a canvas), with its y axis titled above it, the days below it,
 * a legend, and a tooltip per day; or, when nothing was measured, the empty state in its place.
 */
export function TimeChart(props: Props) {
  const { title, description, days, series, yLabel, empty, actions, testId } = props;
  const holder = useRef<HTMLDivElement>(null);
  const drawable = hasData(series);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the data changes; formatters are stable enough.
  useEffect(() => {
    const element = holder.current;
    if (!element || !drawable) return;
    const data: uPlot.AlignedData = [days.map((_, i) => i), ...series.map((s) => s.values.map((v) => v ?? null))];
    const plot = new uPlot(options(props, Math.max(240, element.clientWidth)), data, element);
    const resize = new ResizeObserver(() => {
      const width = Math.max(240, element.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, series, drawable]);

  const headingId = `${testId}-title`;
  return (
    <section className="card chart" aria-labelledby={headingId} data-testid={testId}>
      <header className="chart-head">
        <h2 id={headingId}>{title}</h2>
        <span className="spacer" />
        {drawable && actions}
      </header>
      <p className="muted small chart-description">{description}</p>
      {drawable ? (
        <figure className="chart-figure" aria-label={`${title}: ${yLabel} per day (UTC)`}>
          <div className="chart-axis-y">{yLabel}</div>
          <div className="chart-plot" ref={holder} />
          <div className="chart-axis-x">Day (UTC)</div>
        </figure>
      ) : (
        <div className="chart-empty" data-testid={`${testId}-empty`}>
          {empty}
        </div>
      )}
    </section>
  );
}
