/**
 * Events over time as stacked bars (reads, writes, errors, and the events counted but not listed) with uPlot: a canvas chart of 50 kB, sized for
 * a webview. Colours come from VS Code's chart theme variables and follow a theme change.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { stackedSeries, timeRange, type Buckets } from './buckets';

const HEIGHT = 180;

export class Chart {
  private plot: uPlot | undefined;
  private buckets: Buckets | undefined;

  constructor(private readonly container: HTMLElement) {
    new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT })).observe(container);
    // VS Code changes the body's class (vscode-light, vscode-dark, ...) when the theme changes.
    new MutationObserver(() => this.redraw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  show(buckets: Buckets): void {
    this.buckets = buckets;
    this.redraw();
  }

  /** The legend's values read the raw counts: the drawn series are running totals. */
  private redraw(): void {
    const buckets = this.buckets;
    if (!buckets) return;
    this.plot?.destroy();
    const [counted, listed, readsAndWrites, reads] = stackedSeries(buckets);
    const data: uPlot.AlignedData = [buckets.starts.map((t) => t / 1000), counted, listed, readsAndWrites, reads];
    const bars = uPlot.paths.bars!({ size: [0.9, 40], align: 1 });
    const series = (label: string, colour: string, counts: readonly number[]): uPlot.Series => ({
      label,
      fill: colour,
      stroke: colour,
      width: 0,
      paths: bars,
      points: { show: false },
      value: (_u, _v, _s, index) => (index === null ? '' : String(counts[index] ?? 0)),
    });
    const axis = themeColour('--vscode-charts-foreground', '#888');
    const grid = themeColour('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
    this.plot = new uPlot(
      {
        width: this.width(),
        height: HEIGHT,
        // CloudTrail writes UTC; the axis says the same time as the table.
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
        scales: {
          x: { time: true, range: () => timeRange(buckets).map((ms) => ms / 1000) as [number, number] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } },
          {
            stroke: axis,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, width: 1 },
            values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')),
          },
        ],
        series: [
          { label: buckets.unit === 'hour' ? 'Hour (UTC)' : 'Day (UTC)' },
          series('Not listed', themeColour('--vscode-charts-lines', 'rgba(128,128,128,0.5)'), buckets.unlisted),
          series('Errors', themeColour('--vscode-charts-red', '#f14c4c'), buckets.error),
          series('Writes', themeColour('--vscode-charts-orange', '#d18616'), buckets.write),
          series('Reads', themeColour('--vscode-charts-blue', '#3794ff'), buckets.read),
        ],
      },
      data,
      this.container,
    );
  }

  private width(): number {
    return Math.max(200, this.container.clientWidth);
  }
}

function themeColour(variable: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}
