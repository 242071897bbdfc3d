// The clicked element's description, taken when the press starts: a click is
// a pointerdown task and, later, a mouseup/click task, and describing a
// button among thousands of rows (element_in_walk.ts) in the click's task,
// beside the page's own handler, made that task long on a slow CPU
// (bench/sdk/RESULTS.md, Session 9). The press's description serves the click
// only when the click lands on the same element and nothing in the document
// (or a shadow root on the way to it) changed in between; otherwise the click
// describes the element again, as it is then. A style change the observer
// cannot see (a `:focus` rule the press set off, a scroll while held) shows
// in the element's box, compared at the click. Keyboard clicks have no press.
import { describeElement, type ElementDescriptor } from './element_descriptor';

interface Press { el: Element; descriptor: ElementDescriptor; box: string; changed: boolean; watch: MutationObserver }

// The element's box in the viewport, as one comparable value.
function boxOf(el: Element): string {
  const r = el.getBoundingClientRect();
  return `${r.x} ${r.y} ${r.width} ${r.height}`;
}

const WATCHED: MutationObserverInit = { subtree: true, childList: true, attributes: true, characterData: true };

export class PressDescriptions {
  #press: Press | null = null;

  // A primary press on `el` (`path`: the event's composed path).
  pressed(el: Element, path: EventTarget[]): void {
    this.#forget();
    // The first change is enough to know: the observer stops there.
    const press: Press = { el, descriptor: describeElement(el), box: boxOf(el), changed: false, watch: new MutationObserver(() => {
      press.changed = true;
      press.watch.disconnect();
    }) };
    press.watch.observe(document, WATCHED);
    for (const node of path) if (node instanceof ShadowRoot) press.watch.observe(node, WATCHED);
    this.#press = press;
  }

  // The description of the clicked `el`: the press's when still true.
  forClick(el: Element): ElementDescriptor {
    const press = this.#press;
    const unchanged = press?.el === el && !press.changed && !press.watch.takeRecords().length && press.box === boxOf(el);
    this.#forget();
    return unchanged ? press!.descriptor : describeElement(el);
  }

  #forget(): void {
    this.#press?.watch.disconnect();
    this.#press = null;
  }
}
