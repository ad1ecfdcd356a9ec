// uPlot options for the Stats view's charts, themed from the CSS palette. Values on hover
// come from uPlot's legend (`value` formatters below).
import uPlot from 'uplot';
import type { StatsBucket } from '../../ipc/bindings.gen';
import type { Chart, StackedChart } from './chartData';

export interface ChartTheme {
  text: string;
  dim: string;
  faint: string;
  grid: string;
}

const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });

/** The hovered bucket's first day, as the legend's first cell says it. */
export function bucketLabel(seconds: number): string {
  return DAY.format(new Date(seconds * 1000));
}

/** Axis ticks for a span in seconds: "45 s", "2 m", "1.5 m". */
export function secondsTick(v: number): string {
  return v < 60 ? `${Math.round(v)} s` : `${Math.round(v / 6) / 10} m`;
}
/** Tick steps for spans in seconds: whole minutes once past one. */
export const SECONDS_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

export interface YAxis {
  /** Hover value. */
  value: (v: number) => string;
  /** Tick label (defaults to `value`) and tick steps. */
  tick?: (v: number) => string;
  steps?: number[];
  range?: uPlot.Range.MinMax;
}

const BUCKET_SECONDS: Record<StatsBucket, number> = { day: 86_400, week: 7 * 86_400 };

/**
 * The x scale spans the buckets with half a bucket either side, so edge bars are whole. For a
 * single bucket uPlot's own x range assumes milliseconds (one point + 86 400 000 "ms"), which
 * on a seconds axis stretches one week of clips over years of empty axis.
 */
export function xSpan(bucket: StatsBucket) {
  const half = BUCKET_SECONDS[bucket] / 2;
  return (u: uPlot, min: number, max: number): uPlot.Range.MinMax => {
    const xs = u.data?.[0];
    if (xs?.length === 1) return [xs[0] - half, xs[0] + half];
    return [min - half, max + half];
  };
}

function frame(theme: ChartTheme, bucket: StatsBucket, yAxis: YAxis) {
  const { value: y, tick, steps, range: yRange } = yAxis;
  const axis = { stroke: theme.dim, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 }, font: '11px system-ui, sans-serif' };
  return {
    axes: [axis, { ...axis, size: 58, incrs: steps, values: (_: uPlot, splits: number[]) => splits.map(tick ?? y) }],
    scales: { x: { time: true, range: xSpan(bucket) }, y: yRange ? { range: yRange } : { range: (_: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1] } },
    // Hovering one chart shows the same bucket's values in all of them.
    cursor: { points: { size: 6 }, sync: { key: 'stats-series' } },
    legend: { live: true },
    x: { label: bucket === 'week' ? 'Week of' : 'Day', value: (_: uPlot, v: number | null) => (v == null ? '–' : bucketLabel(v)) },
  };
}

/** One line per entry of `chart.lines`; gaps (buckets without clips) are bridged. */
export function lineOptions(chart: Chart, bucket: StatsBucket, yAxis: YAxis) {
  const y = yAxis.value;
  return (theme: ChartTheme): Omit<uPlot.Options, 'width' | 'height'> => {
    const { x, ...rest } = frame(theme, bucket, yAxis);
    return {
      ...rest,
      series: [
        x,
        ...chart.lines.map((l) => ({
          label: l.label,
          stroke: l.color,
          width: l.dashed ? 1 : 1.75,
          dash: l.dashed ? [4, 3] : undefined,
          spanGaps: true,
          points: { show: true, size: 4 },
          value: (_: uPlot, v: number | null) => (v == null ? '–' : y(v)),
        })),
      ],
    };
  };
}

/** Stacked bars: each layer's bar reaches its running total; hover shows its own amount. */
export function stackedBarOptions(chart: StackedChart, bucket: StatsBucket, y: (v: number) => string) {
  const bars = uPlot.paths.bars?.({ size: [0.7, 36], gap: 1 });
  return (theme: ChartTheme): Omit<uPlot.Options, 'width' | 'height'> => {
    const { x, ...rest } = frame(theme, bucket, { value: y });
    return {
      ...rest,
      series: [
        x,
        ...chart.lines.map((l, i) => ({
          label: l.label,
          stroke: l.color,
          fill: chart.estimated[i] ? `${l.color}66` : l.color,
          width: 1,
          paths: bars,
          points: { show: false },
          value: (_: uPlot, _v: number | null, _s: number, idx: number | null) => {
            const own = idx == null ? null : chart.own[i][idx];
            return own == null || own === 0 ? '–' : y(own);
          },
        })),
      ],
    };
  };
}

/** uPlot's data: the x array, then one array per line. */
export const alignedData = (chart: Chart): uPlot.AlignedData => [chart.x, ...chart.lines.map((l) => l.values)];
