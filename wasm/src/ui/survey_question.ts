// The one-question survey's answer area: NPS (0-10), a rating scale, or choices.
// Buttons with aria-pressed, arrow keys move between them; submit reports the answer.
import { el, type Report } from './card';
import type { StepView } from './step_view';
import { word } from './ui_words';

export function buildSurvey(view: StepView, report: Report, box: HTMLElement): void {
  const q = view.survey;
  if (!q) return;
  // Named by the question: a screen reader entering the group heard only
  // "0", "1", ...
  const group = el('div', 'sv');
  group.setAttribute('role', 'group');
  const question = box.getAttribute('aria-labelledby');
  if (question) group.setAttribute('aria-labelledby', question);
  const picked = new Set<string>();
  const options: Array<{ id: string; label: string }> =
    q.kind === 'choice' ? (q.options ?? []) :
    Array.from({ length: q.kind === 'nps' ? 11 : Math.min(10, Math.max(3, q.scale ?? 5)) },
      (_, i) => { const v = String(q.kind === 'nps' ? i : i + 1); return { id: v, label: v }; });
  // A scale (NPS, rating) is one row of equal buttons, its end labels under
  // its ends; on a touch screen two rows (44px buttons), more than six. It
  // wrapped where the card ended (NPS: 8 + 3, "Very likely" under nothing).
  if (q.kind !== 'choice') {
    const n = options.length;
    group.className = 'sv sc';
    group.style.setProperty('--n', String(n));
    group.style.setProperty('--h', String(n > 6 ? Math.ceil(n / 2) : n));
  }
  const buttons: HTMLButtonElement[] = [];
  const submit = el('button', 'primary', word(view, 'submit'));
  submit.type = 'button';
  submit.disabled = true;
  for (const o of options) {
    const b = el('button', '', o.label);
    b.type = 'button';
    b.setAttribute('aria-pressed', 'false');
    b.setAttribute('data-value', o.id);
    b.addEventListener('click', () => {
      if (!q.multiple) { picked.clear(); for (const other of buttons) other.setAttribute('aria-pressed', 'false'); }
      if (picked.has(o.id)) picked.delete(o.id); else picked.add(o.id);
      b.setAttribute('aria-pressed', String(picked.has(o.id)));
      submit.disabled = picked.size === 0;
    });
    b.addEventListener('keydown', (e) => {
      const i = buttons.indexOf(b);
      // Right is "previous" when the options flow right to left.
      const step = (e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0) * (getComputedStyle(b).direction === 'rtl' ? -1 : 1);
      if (step) { e.preventDefault(); e.stopPropagation(); buttons[(i + step + buttons.length) % buttons.length]!.focus(); }
    });
    buttons.push(b);
    group.appendChild(b);
  }
  box.appendChild(group);
  if (q.kind === 'nps') {
    const scale = el('div', 'sl');
    scale.append(el('span', '', word(view, 'nps_low')), el('span', '', word(view, 'nps_high')));
    box.appendChild(scale);
  }
  submit.addEventListener('click', () => {
    const values = Array.from(picked);
    const value = q.kind === 'choice' ? (q.multiple ? values : values[0]) : Number(values[0]);
    report('survey_answer', { answer: value });
  });
  const footer = el('div', 'f');
  footer.appendChild(submit);
  box.appendChild(footer);
}
