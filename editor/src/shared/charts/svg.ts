// An SVG element builder, the counterpart of dom.ts's h(): attributes are set
// with setAttribute and text goes in as text nodes, never markup.
const SVG_NS = 'http://www.w3.org/2000/svg';

type SvgChild = Node | string | number | null | undefined | false;

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number | null | undefined> = {},
  ...children: Array<SvgChild | SvgChild[]>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return element;
}

// A chart's root: scales with its container, described for assistive technology
// by `label` (the full numbers are in the table alternative beside it).
export function chartSvg(width: number, height: number, label: string, ...children: Array<SvgChild | SvgChild[]>): SVGSVGElement {
  return s('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': label, class: 'chart-svg',
    preserveAspectRatio: 'xMinYMin meet' }, ...children);
}

// "Nice" upper bound and tick step for an axis from 0 to `max` (1, 2, 5 × 10^n).
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((v) => v >= rough) ?? 10 * power;
  return { top: Math.ceil(max / step) * step, step: Math.max(step, Number.MIN_VALUE) };
}

// Shortens a label to `max` characters with an ellipsis (the full text goes in a <title>).
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
