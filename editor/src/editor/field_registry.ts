// Maps JSON Pointers to the form fields that edit them, so every problem the
// collector reports (`/steps/2/target: required for kind tooltip`) is shown at
// the field that caused it: the nearest registered field at or above the
// pointer. Problems with no field on screen are returned for the summary list.
import type { Problem } from '../shared/api';
import { parentPointer } from '../shared/json_pointer';
import { reasonWords } from './problem_labels';

// Names the part of a problem's pointer below the field that shows it, in
// the editor's words (problem_labels.ts labelBelow); '' when it is at the field.
export type NameBelow = (pointer: string, fieldPointer: string) => string;

interface Registration {
  container: HTMLElement;
  focusTarget: HTMLElement;
  errorSlot: HTMLElement;
}

export class FieldRegistry {
  private readonly fields = new Map<string, Registration>();

  constructor(private readonly nameBelow: NameBelow) {}

  // `container` gets the `has-problem` class, `errorSlot` the reasons, and
  // `focusTarget` is marked aria-invalid and described by the slot.
  register(pointer: string, container: HTMLElement, focusTarget: HTMLElement, errorSlot: HTMLElement): void {
    this.fields.set(pointer, { container, focusTarget, errorSlot });
  }

  // The field that shows problems at `pointer`, if one is on screen.
  find(pointer: string): (Registration & { pointer: string }) | null {
    for (let p: string | null = pointer; p !== null; p = parentPointer(p)) {
      const field = this.fields.get(p);
      if (field && field.container.isConnected) return { ...field, pointer: p };
    }
    return null;
  }

  focus(pointer: string): boolean {
    const field = this.find(pointer);
    if (!field) return false;
    field.container.scrollIntoView({ block: 'center' });
    field.focusTarget.focus();
    return true;
  }

  // Shows `problems` at their fields; returns the ones no field on screen takes.
  show(problems: Problem[]): Problem[] {
    // Registrations are replaced when a redraw registers the same pointer again;
    // ones not on screen (not attached yet, or drawn away) are skipped.
    for (const field of this.fields.values()) {
      if (!field.container.isConnected) continue;
      field.container.classList.remove('has-problem');
      field.errorSlot.replaceChildren();
      field.focusTarget.removeAttribute('aria-invalid');
    }
    const unplaced: Problem[] = [];
    for (const problem of problems) {
      const field = this.find(problem.pointer);
      if (!field) {
        unplaced.push(problem);
        continue;
      }
      field.container.classList.add('has-problem');
      field.focusTarget.setAttribute('aria-invalid', 'true');
      const line = document.createElement('div');
      line.textContent = this.reasonFor(problem, field.pointer);
      line.dataset.pointer = problem.pointer;
      field.errorSlot.append(line);
    }
    return unplaced;
  }

  // The reason, with the readable sub-path when the problem is below the
  // field (a fingerprint problem shown at the target picker).
  private reasonFor(problem: Problem, fieldPointer: string): string {
    const below = this.nameBelow(problem.pointer, fieldPointer);
    const reason = reasonWords(problem.reason, problem.pointer);
    return below ? `${below}: ${reason}` : reason;
  }
}
