import { h } from '@navette/web-kit';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One series of bars: its name in the legend, one value per category (null: nothing to draw). */
export interface BarSeries {
  label: string;
  values: (number | null)[];
}

export interface BarChartInput {
  /** What the chart shows, for screen readers (the table beside it carries the numbers). */
  name: string;
  categories: string[];
  /** One or two series, drawn side by side in each category. */
  series: BarSeries[];
  /** How an axis value reads (`40 %`, `12 min`). */
  format: (value: number) => string;
  /** The axis starts at 0 and reaches at least this. */
  min?: number;
}

/** Two colours that stay apart for the common colour blindnesses (Okabe–Ito blue and orange). */
const COLOURS = ['#0072b2', '#e69f00'];
const HEIGHT_PX = 220;

/**
 * A bar chart drawn by uPlot (a canvas): categories along the bottom, one or two series side by
 * side. The canvas is an image named by `name`; the numbers are in the table the section puts
 * beside it, which is the accessible equivalent.
 */
export class BarChart {
  readonly element = h('figure', { class: 'chart' });
  private readonly canvasBox = h('div', { class: 'chart-canvas', role: 'img' });
  private readonly legend = h('ul', { class: 'chart-legend', 'aria-hidden': 'true' });
  private plot: uPlot | undefined;

  constructor(testId: string) {
    this.canvasBox.dataset.testid = testId;
    this.element.append(this.canvasBox, this.legend);
    // The chart follows its column's width (a phone turned, a window resized).
    new ResizeObserver(() => {
      const width = this.width();
      if (this.plot && Math.abs(this.plot.width - width) > 4) this.plot.setSize({ width, height: HEIGHT_PX });
    }).observe(this.element);
  }

  private width(): number {
    return Math.max(280, this.element.clientWidth || 320);
  }

  render(input: BarChartInput): void {
    this.canvasBox.setAttribute('aria-label', input.name);
    this.legend.replaceChildren(
      ...input.series.map((s, i) => h('li', {}, h('span', { class: `swatch swatch-${i}` }), s.label)),
    );
    this.plot?.destroy();
    const n = input.categories.length;
    const top = Math.max(
      input.min ?? 0,
      ...input.series.flatMap((s) => s.values.filter((v): v is number => v !== null)),
    );
    const ink = getComputedStyle(document.body).color || '#222';
    const two = input.series.length > 1;
    const data: uPlot.AlignedData = [
      input.categories.map((_, i) => i),
      ...input.series.map((s) => s.values.map((v) => v ?? null)),
    ];
    this.plot = new uPlot(
      {
        width: this.width(),
        height: HEIGHT_PX,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: [0, top > 0 ? top * 1.1 : 1] } },
        axes: [
          {
            stroke: ink,
            grid: { show: false },
            splits: () => input.categories.map((_, i) => i),
            values: (_u, splits) => splits.map((i) => input.categories[i] ?? ''),
          },
          {
            stroke: ink,
            size: 60,
            values: (_u, splits) => splits.map((v) => input.format(v)),
          },
        ],
        series: [
          {},
          ...input.series.map((s, i) => ({
            label: s.label,
            fill: COLOURS[i],
            stroke: COLOURS[i],
            paths: uPlot.paths.bars!({ size: [two ? 0.35 : 0.6, 80], align: two ? (i === 0 ? -1 : 1) : 0 }),
            points: { show: false },
          })),
        ],
      },
      data,
      this.canvasBox,
    );
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = undefined;
  }
}
