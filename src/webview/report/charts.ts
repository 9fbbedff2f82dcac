/**
 * The report's pictures, in plain SVG coloured by the theme (classes styled in report.css with --vscode-charts-*
 * colours): a heatmap (labelled rows × columns, cell shade = value), stacked progress bars, a small score bar.
 */
import { s, tip } from './svg';

export interface HeatCell {
  /** 0…1 for the shade (clamped); null: no value. */
  shade: number | null;
  /** The text in the cell. */
  text: string;
  /** The hover text. */
  title: string;
}

const CELL = 66;
const CELL_H = 30;

/** A heatmap; `label` names it for screen readers. */
export function heatmap(label: string, rows: readonly string[], columns: readonly string[], cell: (r: number, c: number) => HeatCell): SVGElement {
  const rowLabel = Math.min(160, 16 + 7 * Math.max(4, ...rows.map((r) => r.length)));
  const colLabel = 22;
  const width = rowLabel + columns.length * CELL;
  const height = colLabel + rows.length * CELL_H;
  const svg = s('svg', { class: 'heatmap', role: 'img', 'aria-label': label, width, height, viewBox: `0 0 ${width} ${height}` });
  columns.forEach((c, j) => svg.append(s('text', { class: 'axis', x: rowLabel + j * CELL + CELL / 2, y: 15, 'text-anchor': 'middle' }, clip(c, 9), tip(c))));
  rows.forEach((r, i) => {
    const y = colLabel + i * CELL_H;
    svg.append(s('text', { class: 'axis', x: rowLabel - 6, y: y + CELL_H / 2 + 4, 'text-anchor': 'end' }, clip(r, 20), tip(r)));
    columns.forEach((_, j) => {
      const v = cell(i, j);
      const x = rowLabel + j * CELL;
      const shade = v.shade === null ? null : Math.max(0, Math.min(1, v.shade));
      svg.append(
        s(
          'g',
          { class: 'cell' },
          s('rect', { class: shade === null ? 'heat-none' : 'heat', x: x + 1, y: y + 1, width: CELL - 2, height: CELL_H - 2, rx: 2, 'fill-opacity': shade === null ? undefined : (0.08 + 0.92 * shade).toFixed(3) }),
          s('text', { class: shade !== null && shade > 0.55 ? 'value strong' : 'value', x: x + CELL / 2, y: y + CELL_H / 2 + 4, 'text-anchor': 'middle' }, v.text),
          tip(v.title),
        ),
      );
    });
  });
  return svg;
}

export interface ProgressRow {
  name: string;
  done: number;
  inProgress: number;
  todo: number;
  annotations: number;
}

/** One stacked bar per annotator: done, in progress, to do. */
export function progressBars(rows: readonly ProgressRow[]): SVGElement {
  const labelWidth = Math.min(180, 16 + 7 * Math.max(4, ...rows.map((r) => r.name.length)));
  const barWidth = 320;
  const rowHeight = 26;
  const width = labelWidth + barWidth + 170;
  const height = rows.length * rowHeight + 4;
  const svg = s('svg', { class: 'progress', role: 'img', 'aria-label': 'Progress per annotator', width, height, viewBox: `0 0 ${width} ${height}` });
  rows.forEach((r, i) => {
    const y = i * rowHeight + 4;
    const total = r.done + r.inProgress + r.todo;
    svg.append(s('text', { class: 'axis', x: labelWidth - 8, y: y + 14, 'text-anchor': 'end' }, clip(r.name, 24), tip(r.name)));
    let x = labelWidth;
    for (const [part, n, what] of [['done', r.done, 'done'], ['in-progress', r.inProgress, 'in progress'], ['todo', r.todo, 'to do']] as const) {
      const w = total === 0 ? 0 : (barWidth * n) / total;
      if (w > 0) svg.append(s('rect', { class: `bar ${part}`, x, y, width: w, height: 18 }, tip(`${r.name}: ${n} ${what}`)));
      x += w;
    }
    if (total === 0) svg.append(s('rect', { class: 'bar empty', x: labelWidth, y, width: barWidth, height: 18 }));
    svg.append(s('text', { class: 'value', x: labelWidth + barWidth + 8, y: y + 14 }, `${r.done}/${total} done, ${r.annotations} annotations`));
  });
  return svg;
}

/** A small horizontal bar for a score in 0…1 (null: an empty frame). */
export function scoreBar(value: number | null, label: string): SVGElement {
  const w = 80;
  return s(
    'svg',
    { class: 'score', width: w, height: 12, viewBox: `0 0 ${w} 12`, role: 'img', 'aria-label': label },
    s('rect', { class: 'score-frame', x: 0.5, y: 0.5, width: w - 1, height: 11 }),
    value === null ? null : s('rect', { class: value >= 0.8 ? 'score-fill good' : value >= 0.5 ? 'score-fill fair' : 'score-fill poor', x: 1, y: 1, width: Math.max(0, Math.min(1, value)) * (w - 2), height: 10 }),
  );
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
