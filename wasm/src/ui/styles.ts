// Cairn's only stylesheet. It lives in our shadow root (adopted, so a strict
// style-src CSP cannot block it) and cannot leak into the host page; the host's
// CSS cannot reach in except through the --cairn-* variables we read.
//
// Text sizes are in em of `medium`, the browser's default text size, which
// the user sets (Chromium: Settings > Appearance > Font size): 14px at the
// usual 16px, 17.5px at 20px. Not px (deaf to that setting) and not rem: in
// a shadow root rem is still the page's <html> size, which pages shrink
// (`html{font-size:62.5%}`) or fix. `:host` pins `medium` (!important from
// inside a shadow root beats any page rule), so page CSS cannot shrink it.
//
// On a touch screen (pointer:coarse) every control is at least 44px square
// (WCAG 2.5.5, Apple's and Android's guidelines): the close button fills
// its corner, the beacon (a 24px dot) takes taps 10px around it.
//
// The close button floats in its corner, so a body without title flows
// around it (a title keeps clear by its margin), and is sticky: a card taller than the screen
// scrolls inside and the button stays in its corner, over the text that
// scrolls under it (hence its background). Its `top` is negative: a sticky
// box's offsets count from the scroller's content box (inside its padding).
// Not in a banner: a flex row.
//
// A card's text hyphenates in its language (the card carries `lang`): a long
// German word broke anywhere, a letter or two to a line in a narrow card.
export const CSS = `
:host{all:initial;font-size:medium!important}
.r{--a:var(--cairn-accent,#4f46e5);--bg:var(--cairn-bg,#fff);--fg:var(--cairn-fg,#1f2937);--bd:var(--cairn-border,#e5e7eb);--rad:var(--cairn-radius,10px);
font:var(--cairn-font-size,.875em)/1.5 var(--cairn-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--fg);position:fixed;inset:0;pointer-events:none;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}
.r *{box-sizing:border-box}
.c{position:fixed;pointer-events:auto;background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-radius:var(--rad);box-shadow:0 10px 30px rgba(0,0,0,.18);padding:16px;max-width:min(360px,calc(100vw - 16px));width:max-content;outline:none;overflow-wrap:anywhere;hyphens:auto;overflow:auto}
:focus-visible{outline:2px solid var(--a);outline-offset:2px}.ln:focus-visible,.hs:focus-visible{box-shadow:0 0 0 2px var(--bg)}
.t{font-weight:600;font-size:1.1em;margin:0 0 6px;margin-inline-end:24px}
.b p{margin:0 0 8px}.b ul,.b ol{margin:0 0 8px;padding-inline-start:20px}.b code{font-family:ui-monospace,monospace;background:rgba(0,0,0,.06);padding:0 3px;border-radius:3px}.b a{color:var(--a)}
.m{display:block;max-width:100%;border-radius:calc(var(--rad) - 4px);margin-bottom:8px}
.f{display:flex;gap:8px;align-items:center;justify-content:flex-end;margin-top:12px;flex-wrap:wrap}
.p{margin-inline-end:auto;font-size:.85em;opacity:.7}
button{font:inherit;cursor:pointer;border-radius:6px;padding:6px 12px;border:1px solid var(--a);background:var(--a);color:#fff}
button.secondary{background:transparent;color:var(--a)}
button.link{background:none;border:0;color:var(--a);padding:6px 4px;text-decoration:underline}
.x{position:sticky;top:-8px;float:right;margin:-8px 0 0;margin-inline:4px -8px;background:var(--bg);border:0;color:inherit;padding:2px 6px;font-size:1.3em;line-height:1;min-width:24px;min-height:24px}
[dir=rtl] .x{float:left}.bn .x{position:absolute;top:8px;inset-inline-end:8px;margin:0}
.ar{position:absolute;width:12px;height:12px;background:var(--bg);border:1px solid var(--bd);transform:rotate(45deg)}
.s-top{border-top:0;border-left:0}.s-bottom{border-bottom:0;border-right:0}
.s-left{border-bottom:0;border-left:0}.s-right{border-top:0;border-right:0}
.hl{position:fixed;pointer-events:none;border-radius:6px;box-shadow:0 0 0 3px var(--a);transition:all .15s}
.hl.dim{box-shadow:0 0 0 3px var(--a),0 0 0 200vmax rgba(0,0,0,.45)}
.hs{position:fixed;pointer-events:auto;width:24px;height:24px;border-radius:50%;padding:0;border:0;background:var(--a)}
.hs::after{content:"";position:absolute;inset:0;border-radius:50%;background:var(--a);animation:cp 1.6s infinite}
@keyframes cp{to{transform:scale(2.4);opacity:0}}
@media (prefers-reduced-motion:reduce){.hs::after{animation:none}.hl{transition:none}}
@media (forced-colors:active){.hl{outline:3px solid Highlight}.hs,.sv :is([aria-pressed=true],[aria-checked=true]),.done .ck,.bar i{forced-color-adjust:none;background:Highlight;color:HighlightText}}
dialog.c{margin:auto;inset:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);height:max-content;max-width:min(480px,calc(100vw - 32px));max-height:calc(100vh - 32px - env(safe-area-inset-top) - env(safe-area-inset-bottom));max-height:calc(100dvh - 32px - env(safe-area-inset-top) - env(safe-area-inset-bottom));z-index:1}
.bd{position:fixed;inset:0;pointer-events:auto;z-index:1}
.bd,dialog::backdrop{background:rgba(0,0,0,.45)}
.bn{inset:env(safe-area-inset-top) env(safe-area-inset-right) auto env(safe-area-inset-left);max-width:none;width:auto;border-radius:0;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;padding:10px 16px;padding-inline-end:48px}
.bn .f,.bn .t{margin:0}
.so,.cl,.rc,.ln{bottom:16px;inset-inline-end:16px;margin:0 env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}
.so,.cl,.rc{max-height:calc(100% - 32px - env(safe-area-inset-bottom));max-width:calc(100% - 32px)}
.so{width:340px}.cl{width:320px}
:is(.cl,.rc) ul{list-style:none;margin:8px 0 0;padding:0}
:is(.cl,.rc) li{display:flex;gap:8px;align-items:center;padding:6px 0;border-top:1px solid var(--bd)}
:is(.cl,.rc) li button,.tg{flex:1;text-align:start;background:none;border:0;color:inherit;padding:2px}
.tg::after{content:" ▾"/""}.min .tg::after{content:" ▴"/""}.min>:not(.x,.t,.bar){display:none}
.ck{width:18px;height:18px;border-radius:50%;border:2px solid var(--a);flex:none}
.done .ck{background:var(--a)}.done button{text-decoration:line-through;opacity:.6}
.bar{height:4px;background:var(--bd);border-radius:2px;overflow:hidden}.bar i{display:block;height:100%;background:var(--a)}
.ln{position:fixed;pointer-events:auto;width:48px;height:48px;border-radius:50%;font-size:1.4em;padding:0}
.rc{bottom:76px;width:300px;max-height:calc(100% - 92px - env(safe-area-inset-bottom))}
.sv{display:flex;flex-wrap:wrap;gap:4px;margin-top:8px}
.sv button{min-width:32px;padding:4px 8px}
.sc{display:grid;grid-template-columns:repeat(var(--n),minmax(0,1fr))}.sc button{min-width:0;padding:4px 0}
.sv button:not([aria-pressed=true],[aria-checked=true]){background:transparent;color:var(--fg);border-color:var(--bd)}
.sl{display:flex;justify-content:space-between;font-size:.8em;opacity:.7;margin-top:4px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (pointer:coarse){.x{top:-16px;margin:-16px 0 0;margin-inline:4px -16px;min-width:44px;min-height:44px}.t{margin-inline-end:32px}.bn .x{top:0;inset-inline-end:0}button:not(.hs){min-height:44px}.sv button{min-width:44px}.sc{grid-template-columns:repeat(var(--h),minmax(0,1fr))}.sc button{min-width:0}:is(.cl,.rc) li{padding:0}.hs::before{content:"";position:absolute;inset:-10px}}
`;
