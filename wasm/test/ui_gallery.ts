// Test-only entry (built to build/wasm/wasm/test/, never shipped): the UI
// presenter with the real core's placement, so browser tests can draw any step
// kind directly and screenshot it without a guide session.
import { CoreModule } from '../src/core/core_module';
import { StepPresenter } from '../src/ui/step_presenter';
import type { StepView, UserAction } from '../src/ui/step_view';
import { UiRoot } from '../src/ui/ui_root';

const SIDES = ['top', 'bottom', 'left', 'right', 'auto'];
const ALIGNS = ['start', 'center', 'end'];
const RESULT = ['top', 'bottom', 'left', 'right', 'center'];

async function create(wasmUrl: string) {
  const core = await CoreModule.load(wasmUrl);
  const actions: UserAction[] = [];
  const result = (d: Float64Array | null) => ({ side: RESULT[d![0]!]!, x: d![1]!, y: d![2]!, arrow: Number.isNaN(d![3]!) ? null : d![3]!, fits: d![4] === 1, targetVisible: d![5] === 1 });
  const presenter = new StepPresenter(new UiRoot(),
    (r) => result(core.callDoubles('cairn_place', [r.target.x, r.target.y, r.target.width, r.target.height, r.box.width, r.box.height,
      r.viewport.x, r.viewport.y, r.viewport.width, r.viewport.height, Math.max(0, SIDES.indexOf(r.side)), Math.max(0, ALIGNS.indexOf(r.align)),
      r.rtl ? 1 : 0, r.offset, r.padding, r.arrow, 8], 6)),
    (box, v, padding) => result(core.callDoubles('cairn_place_centered', [box.width, box.height, v.x, v.y, v.width, v.height, padding], 6)),
    (a) => actions.push(a));
  return {
    actions,
    show(view: StepView, selector?: string) { presenter.show(view, selector ? document.querySelector(selector) : null); },
    hide(guideId: string) { presenter.hide(guideId); },
  };
}

(window as unknown as { CairnGallery: unknown }).CairnGallery = { create };
