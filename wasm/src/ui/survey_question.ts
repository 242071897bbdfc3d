// The one-question survey's answer area: NPS (0-10), a rating scale, or choices.
// One answer (NPS, rating, a single choice): a radio group (ARIA's radio group
// pattern), one tab stop, the arrow keys, Home and End move to an answer and
// pick it; NPS was 11 tab stops. Several answers: toggle buttons (aria-pressed),
// each a tab stop, the arrow keys move between them. Submit reports the answer.
import { buildFooter, el, type Report } from './card';
import type { StepView } from './step_view';
import { word } from './ui_words';

export function buildSurvey(view: StepView, report: Report, box: HTMLElement): void {
  const q = view.survey;
  if (!q) return;
  // Named by the question: a screen reader entering the group heard only
  // "0", "1", ...
  const group = el('div', 'sv');
  const one = !q.multiple;
  const state = one ? 'aria-checked' : 'aria-pressed';
  group.setAttribute('role', one ? 'radiogroup' : 'group');
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
  const pick = (b: HTMLButtonElement, id: string) => {
    if (one) {
      picked.clear();
      for (const other of buttons) { other.setAttribute(state, 'false'); other.tabIndex = -1; }
      b.tabIndex = 0;
    }
    if (picked.has(id)) picked.delete(id); else picked.add(id);
    b.setAttribute(state, String(picked.has(id)));
    submit.disabled = picked.size === 0;
  };
  for (const o of options) {
    const b = el('button', '', o.label);
    b.type = 'button';
    b.setAttribute(state, 'false');
    b.setAttribute('data-value', o.id);
    if (one) {
      b.setAttribute('role', 'radio');
      // Until an answer is picked, the group's tab stop is its first answer.
      b.tabIndex = buttons.length ? -1 : 0;
    }
    b.addEventListener('click', () => pick(b, o.id));
    b.addEventListener('keydown', (e) => {
      const i = buttons.indexOf(b), n = buttons.length;
      // Right is "previous" when the options flow right to left; Down is next, Up previous.
      const rtl = getComputedStyle(b).direction === 'rtl';
      const to = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1
        : e.key === 'ArrowDown' || e.key === (rtl ? 'ArrowLeft' : 'ArrowRight') ? (i + 1) % n
        : e.key === 'ArrowUp' || e.key === (rtl ? 'ArrowRight' : 'ArrowLeft') ? (i + n - 1) % n : -1;
      if (to < 0) return;
      e.preventDefault();
      e.stopPropagation();
      const next = buttons[to]!;
      next.focus();
      if (one) next.click();
    });
    buttons.push(b);
    group.appendChild(b);
  }
  box.appendChild(group);
  if (q.kind === 'nps') {
    const scale = el('div', 'sl');
    scale.append(el('span', '', word(view, 'nps_low')), el('span', '', word(view, 'nps_high')));
    box.appendChild(scale);
    // The end answers carry what their end means: a screen reader on the
    // radio group heard "0", "10" and nothing of "not likely".
    Array.from(scale.children).forEach((end, i) => {
      end.id = `${box.id}-e${i}`;
      buttons[i && buttons.length - 1]!.setAttribute('aria-describedby', end.id);
    });
  }
  submit.addEventListener('click', () => {
    const values = Array.from(picked);
    const value = q.kind === 'choice' ? (q.multiple ? values : values[0]) : Number(values[0]);
    report('survey_answer', { answer: value });
  });
  box.appendChild(buildFooter(view, report, [])).appendChild(submit);
}
