/**
 * Charts drawn on the server as SVG with Vega-Lite (no JavaScript in the browser). Each chart carries a title and
 * a description for assistive technology, lines are told apart by dash pattern as well as colour, and pages show
 * the same data as a table beside it.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import * as vega from 'vega';

export interface Series {
  name: string;
  points: { x: string; y: number | null }[];
  /** solid (the measure), dashed (target), dotted (comparators) */
  style?: 'solid' | 'dashed' | 'dotted';
}

/** GOV.UK palette, with contrast of at least 3:1 against white for lines. */
const COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#505a5f', '#f47738'];
const DASHES: Record<NonNullable<Series['style']>, number[]> = { solid: [1, 0], dashed: [8, 4], dotted: [2, 3] };

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A line chart of one or more series over the same ordered x values. `id` must be unique on the page (it names
 * the title and description elements the SVG is labelled by).
 */
export async function lineChart(options: { id: string; title: string; description: string; yTitle: string; series: readonly Series[]; width?: number; height?: number }): Promise<string> {
  const order = options.series[0]?.points.map((p) => p.x) ?? [];
  const values = options.series.flatMap((s) => s.points.filter((p) => p.y !== null).map((p) => ({ x: p.x, y: p.y, series: s.name })));
  const names = options.series.map((s) => s.name);
  const spec: TopLevelSpec = {
    width: options.width ?? 560,
    height: options.height ?? 220,
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 3 },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: order, title: null, axis: { labelAngle: -40, labelColor: '#0b0c0c', labelFontSize: 12 } },
      y: { field: 'y', type: 'quantitative', title: options.yTitle, axis: { labelColor: '#0b0c0c', titleColor: '#0b0c0c', labelFontSize: 12, titleFontSize: 13 }, scale: { zero: true } },
      color: { field: 'series', type: 'nominal', sort: names, scale: { domain: names, range: COLOURS.slice(0, names.length) }, legend: { orient: 'bottom', title: null, labelColor: '#0b0c0c', labelFontSize: 13, symbolStrokeWidth: 3, symbolType: 'stroke' } },
      strokeDash: { field: 'series', type: 'nominal', sort: names, scale: { domain: names, range: options.series.map((s) => DASHES[s.style ?? 'solid']) }, legend: null },
    },
    config: { font: 'Arial, sans-serif', aria: false, view: { stroke: null } },
  };
  const quiet = { level: () => quiet, info: () => quiet, warn: () => quiet, debug: () => quiet, error: (...e: unknown[]) => { throw new Error(String(e[0])); } };
  const view = new vega.View(vega.parse(compile(spec, { logger: quiet as never }).spec), { renderer: 'none', logLevel: vega.None });
  // The chart is one image to assistive technology: the marks inside carry no roles or labels of their own.
  const svg = (await view.toSVG()).replace(/ (role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '');
  view.finalize();
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  return svg.replace(
    /^<svg /,
    `<svg role="img" aria-labelledby="${titleId} ${descId}" focusable="false" class="app-chart" `,
  ).replace(/(<svg[^>]*>)/, `$1<title id="${titleId}">${escapeXml(options.title)}</title><desc id="${descId}">${escapeXml(options.description)}</desc>`);
}
