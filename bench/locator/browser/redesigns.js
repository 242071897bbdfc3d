// Redesigns applied inside the live page (Chromium), to elements the benchmark
// captured before: each mimics what a real release does to a DOM. They run in
// the page (injected with page.evaluate), mutate the live DOM in place so the
// captured element objects keep their identity, and are deterministic (seeded).
// `targets` are the captured elements; `seed` varies choices per page.
window.__cairnRedesigns = (() => {
  function rng(seed) {
    let s = seed >>> 0 || 1;
    return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  }
  const hash = (r) => 'css-' + Math.floor(r() * 0xffffff).toString(36);
  const all = () => Array.from(document.body.querySelectorAll('*')).filter((el) => !el.closest('[data-cairn-root]') && el.localName !== 'script');

  // CSS-in-JS rebuild: every class becomes a fresh generated hash.
  function classHashes(targets, r) {
    for (const el of all()) if (el.classList.length) el.className = Array.from(el.classList, () => hash(r)).join(' ');
  }
  // A component library upgrade: 1–2 wrapper divs around each target's parent.
  function wrappers(targets, r) {
    for (const el of targets) {
      const parent = el.parentElement;
      if (!parent || parent === document.body) continue;
      for (let n = 1 + Math.floor(r() * 2); n > 0; n--) {
        const wrap = document.createElement('div');
        wrap.className = hash(r);
        el.parentElement.insertBefore(wrap, el);
        wrap.append(el);
      }
    }
  }
  // Toolbars, menus and forms reordered: siblings of each target reversed.
  function siblings(targets) {
    const parents = new Set(targets.map((el) => el.parentElement).filter(Boolean));
    for (const parent of parents) for (const child of Array.from(parent.children).reverse()) parent.append(child);
  }
  // Copy edits: button and link labels reworded (a word added).
  const REWORD = ['now', 'all', 'here', 'today'];
  function textEdit(targets, r) {
    for (const el of targets) {
      const node = Array.from(el.childNodes).find((n) => n.nodeType === 3 && n.textContent.trim());
      if (node) node.textContent = `${node.textContent.trim()} ${REWORD[Math.floor(r() * REWORD.length)]}`;
    }
  }
  // The page ships in German: every label, heading and text translated.
  const DE = { Home: 'Start', Projects: 'Projekte', Settings: 'Einstellungen', Billing: 'Abrechnung', 'New project': 'Neues Projekt',
    'Create project': 'Projekt erstellen', Cancel: 'Abbrechen', Save: 'Speichern', 'Project name': 'Projektname', 'Project key': 'Projektschlüssel',
    'Open projects': 'Projekte öffnen', 'Invite teammates': 'Team einladen', 'Export report': 'Bericht exportieren', 'Create an account': 'Konto erstellen',
    Email: 'E-Mail', Password: 'Passwort', Name: 'Name', 'Sign up': 'Registrieren', Visibility: 'Sichtbarkeit', Private: 'Privat', Public: 'Öffentlich' };
  function translation() {
    document.documentElement.lang = 'de';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (text) node.textContent = DE[text] ?? `${text} (DE)`;
    }
    for (const el of all()) for (const attr of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, DE[v] ?? `${v} (DE)`);
    }
  }
  // Ids renamed by a refactor; references to them (label for, aria-*) follow,
  // as they do in a working app.
  function idChange(targets, r) {
    const renamed = new Map();
    for (const el of all()) if (el.id) renamed.set(el.id, (el.id = `${el.id}-${hash(r)}`));
    for (const el of all()) {
      if (el.localName === 'label' && renamed.has(el.htmlFor)) el.htmlFor = renamed.get(el.htmlFor);
      for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls']) {
        const v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.split(/\s+/).map((id) => renamed.get(id) ?? id).join(' '));
      }
    }
  }
  // Links restyled as buttons and back (a design-system migration).
  function tagSwap(targets) {
    for (const el of targets) {
      if (el.localName === 'a') el.setAttribute('role', 'button');
      else if (el.localName === 'button') el.setAttribute('role', 'link');
    }
  }
  // A similar control added next to each target ("Save" gets a "Save draft").
  function decoys(targets) {
    for (const el of targets) {
      if (!el.parentElement || /^(input|select|textarea)$/.test(el.localName)) continue;
      const copy = el.cloneNode(true);
      copy.removeAttribute('id');
      for (const a of ['data-testid', 'data-test', 'data-cy']) copy.removeAttribute(a);
      const node = Array.from(copy.childNodes).find((n) => n.nodeType === 3 && n.textContent.trim());
      if (node) node.textContent = `${node.textContent.trim()} draft`;
      el.after(copy);
    }
  }
  // The target is gone: the right answer is "not found".
  function deletion(targets) {
    for (const el of targets) el.remove();
  }
  function combined(targets, r) {
    classHashes(targets, r); wrappers(targets, r); idChange(targets, r); siblings(targets); textEdit(targets, r);
  }
  // The same release, with the targets removed as well.
  function combinedDeletion(targets, r) {
    combined(targets, r); deletion(targets);
  }
  // Each target replaced in its slot by its look-alike ("Save" gone, "Save draft"
  // where it was): measures the trade-off a reworded label implies.
  function lookAlikeDeletion(targets) {
    decoys(targets); deletion(targets);
  }
  return { 'class hashes': classHashes, wrappers, siblings, 'text edit': textEdit, translation, 'id change': idChange,
    'tag swap': tagSwap, decoys, deletion, combined, 'combined deletion': combinedDeletion,
    'look-alike deletion': lookAlikeDeletion, rng };
})();
