// The behaviour model of Acme's visitors: what one person does, session by
// session, in the sample app, recorded through a Device. The story the data
// tells (samples/README.md):
//   - sign-up page → onboarding → projects → create-project form → project;
//   - the form's "project key" field is where people get stuck: the hint does
//     not say "capital letters", so many submit an invalid key, click "Create
//     project" again and again (rage and dead clicks) and some give up;
//   - the first-project tour explains the key; 20% of users are held out
//     (its experiment), and those who get the tour create projects more often;
//   - "Export report" does nothing yet: dead clicks on the home page.
// Probabilities are constants here, the outcome of each person is drawn from
// their own seeded Random, so the data is the same for the same seed.
import { assignVariant } from './bucket.mjs';
import { Device } from './device.mjs';

const SECOND = 1000, MINUTE = 60 * SECOND, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
const FIRST = ['Ada', 'Ben', 'Chloé', 'Dmitri', 'Emma', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Jonas', 'Keiko', 'Lena',
  'Marco', 'Nia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoe'];
const LAST = ['Andersen', 'Becker', 'Costa', 'Dubois', 'Eriksson', 'Fischer', 'García', 'Hoffmann', 'Ito', 'Jansen',
  'Kowalski', 'Larsen', 'Müller', 'Nakamura', 'Okafor', 'Patel', 'Rossi', 'Schmidt', 'Tanaka', 'Weber'];
const COMPANIES = ['northwind', 'globex', 'initech', 'umbrella', 'hooli', 'wonka', 'vandelay', 'soylent'];
const REFERRERS = { '': 4, 'https://www.google.com/': 4, 'https://news.ycombinator.com/': 1, 'https://www.linkedin.com/': 1 };

// `guides`: {tour, hint, banner, nps, checklist} → {guide_id, guide_version, experiment?}
export function simulatePerson({ random, appUrl, arrival, endMs, guides }) {
  const d = new Device(random, appUrl);
  d.now = arrival;
  const person = {
    skill: random.next(),
    traits: { name: `${random.pick(FIRST)} ${random.pick(LAST)}`, plan: 'trial',
      role: random.weighted({ engineer: 8, product_manager: 5, designer: 2, founder: 3, other: 2 }),
      company_size: random.weighted({ '1-10': 7, '11-50': 7, '51-200': 4, '201+': 2 }) },
    userId: 'u_' + random.hex(8),
    projects: 0, tourSeen: false, tourDone: false, tourDismissed: false, hintShows: 0, hintRead: false,
    bannerSeen: false, npsSeen: false, checked: new Set(), checklistDone: false,
  };
  person.traits = { email: workEmail(person.traits.name, person.userId), ...person.traits };
  person.variant = assignVariant(guides.tour.experiment, guides.tour.guide_id, person.userId);

  if (!signUp(d, person, random)) return d.finish(endMs);
  firstSession(d, person, random, guides);
  // Return visits: people with a project come back more often.
  const returns = person.projects ? random.int(2, 7) : Number(random.weighted({ 0: 5, 1: 3, 2: 2 }));
  let t = d.now;
  for (let i = 0; i < returns; i++) {
    t += random.between(0.4, 4.5) * DAY;
    if (t >= endMs) break;
    d.now = Math.round(t);
    returnSession(d, person, random, guides);
    t = d.now;
  }
  return d.finish(endMs);
}

function tourRef(guides, person, step) {
  const ref = { ...guides.tour, variant: person.variant };
  if (step !== undefined) { ref.step_index = step; ref.step_id = TOUR_STEPS[step]; }
  return ref;
}
const TOUR_STEPS = ['open-projects', 'new-project', 'project-key', 'save'];

// The sign-up page, anonymous until the form is sent. Returns whether they signed up.
function signUp(d, person, random) {
  d.load('/signup.html', 'signup', random.weighted(REFERRERS));
  if (random.chance(0.14)) {
    if (random.chance(0.5)) d.click('name');
    return false;  // looked, left
  }
  d.click('name');
  d.click('email', { gap: random.think(4000) });
  if (random.chance(0.12)) {
    d.click('submit', { gap: random.think(6000) });  // a typo in the e-mail: the error appears
    if (random.chance(0.25)) return false;
    d.rerender('signup_error');
    d.click('email', { gap: random.think(2500) });
    d.click('submit', { gap: random.think(2500) });
  } else {
    d.click('submit', { gap: random.think(9000) });
  }
  d.wait(random.int(5, 30));
  d.signIn(person.userId, person.traits);
  d.track('Signed Up', { plan: 'trial' });
  d.wait(random.int(200, 900));
  d.load('/', 'home_new', d.appUrl + '/signup.html');
  return true;
}

// The tour starts on "/" once per session until completed; the holdout only
// records its exposure (guide_seen with variant "holdout").
function startTour(d, person, random, guides) {
  if (person.tourDone) return false;
  d.wait(random.int(250, 700));  // the SDK fetches the guides after the page view
  person.tourSeen = true;
  if (person.variant === 'holdout') {
    d.guide('cairn_guide_seen', { ...guides.tour, variant: 'holdout' });
    return false;
  }
  d.guide('cairn_guide_seen', tourRef(guides, person, 0));
  d.guide('cairn_step_seen', tourRef(guides, person, 0));
  return true;
}

function dismissTour(d, person, random, guides, step) {
  d.wait(random.think(5000));
  d.guide('cairn_guide_dismissed', tourRef(guides, person, step), { reason: random.chance(0.65) ? 'close_button' : 'escape_key' });
  person.tourDismissed = true;
}

// The key hotspot's audience (samples/guides/project-key-hint.json): the tour
// is not running, so the hotspot never sits on the field the tour's key step
// points at. The SDK re-checks it when the tour ends on the form, so the
// hotspot then appears in the same view. (Here a tour that ended never
// starts again: held out, never shown, completed or dismissed is not running.)
function hintAudience(person) {
  return person.variant === 'holdout' || !person.tourSeen || person.tourDone || person.tourDismissed;
}

function firstSession(d, person, random, guides) {
  let tour = startTour(d, person, random, guides);
  if (tour && random.chance(0.1)) { dismissTour(d, person, random, guides, 0); tour = false; }
  const toProjects = tour ? 0.93 : 0.78 + 0.1 * person.skill;
  if (!random.chance(toProjects)) {
    wander(d, person, random, 'home_new');
    return;
  }
  if (tour || random.chance(0.6)) d.click('open_projects', { gap: random.think(tour ? 3000 : 6000) });
  else d.click('nav_projects', { gap: random.think(6000) });
  if (tour) d.guide('cairn_step_completed', tourRef(guides, person, 0));
  d.route('/projects', 'projects_empty');
  if (tour) {
    if (random.chance(0.04)) {
      // The project list renders late on a slow connection: the step waits
      // 2 s for "New project", then shows centered.
      d.wait(2000);
      d.guide('cairn_target_missing', tourRef(guides, person, 1), { waited_ms: 2000, outcome: 'centered_fallback' });
    } else {
      d.wait(random.int(80, 300));
    }
    d.guide('cairn_step_seen', tourRef(guides, person, 1));
  }
  banner(d, person, random, guides);
  const toForm = tour ? 0.92 : 0.8 + 0.1 * person.skill;
  if (!random.chance(toForm)) { leave(d, random); return; }
  d.click('new_project', { gap: random.think(tour ? 2500 : 5000) });
  if (tour) d.guide('cairn_step_completed', tourRef(guides, person, 1));
  d.route('/projects/new', 'form');
  createProject(d, person, random, guides, tour);
}

// The create-project form. `tour`: the tour is running (at its key step).
function createProject(d, person, random, guides, tour) {
  let tourOnSave = false, keyExplained = false;
  if (tour) {
    d.wait(random.int(80, 300));
    d.guide('cairn_step_seen', tourRef(guides, person, 2));
    if (random.chance(0.84)) {
      d.wait(random.think(7000));
      d.guide('cairn_step_completed', tourRef(guides, person, 2));
      d.wait(random.int(80, 300));
      d.guide('cairn_step_seen', tourRef(guides, person, 3));
      tourOnSave = true;
      keyExplained = true;
    } else {
      dismissTour(d, person, random, guides, 2);
    }
  }
  let hint = hintAudience(person) ? keyHint(d, person, random, guides) : 'none';
  if (hint === 'read') keyExplained = true;
  d.click('name', { gap: random.think(3000) });
  d.click('key', { gap: random.think(5000) });
  if (random.chance(0.08)) { leave(d, random); return false; }  // not now
  const pCorrect = keyExplained ? 0.72 : 0.12 + 0.18 * person.skill;
  const correct = random.chance(pCorrect);
  d.click('save', { gap: random.think(4000) });
  if (tourOnSave) {
    // Clicking the step's target completes it, and with it the tour.
    d.guide('cairn_step_completed', tourRef(guides, person, 3));
    d.guide('cairn_guide_completed', tourRef(guides, person));
    person.tourDone = true;
    // The tour no longer holds the field: the hotspot starts now (unread).
    hint = keyHint(d, person, random, guides, { mayRead: false });
  }
  if (correct) { projectCreated(d, person, random, guides); return true; }

  // The error appears under the form; the next clicks change nothing on screen.
  d.rerender('form_error');
  const frustration = random.next();
  if (frustration < 0.42) {
    d.wait(random.think(1500));
    const clicks = random.int(3, 6);
    for (let i = 0; i < clicks; i++) d.click('save', { changes: false, gap: random.int(110, 240) });
  } else if (frustration < 0.7) {
    d.click('save', { changes: false, gap: random.think(2500) });
  }
  let fixes = random.chance(keyExplained ? 0.6 : 0.12 + 0.15 * person.skill);
  if (!fixes && hint === 'shown' && random.chance(0.2)) {
    // Stuck, they finally open the hotspot on the key field.
    d.wait(random.think(4000));
    readHint(d, person, random, guides);
    fixes = random.chance(0.7);
  }
  if (!fixes) {
    if (random.chance(0.5)) { d.click('nav_home', { gap: random.think(4000) }); d.route('/', 'home_new'); }
    leave(d, random);
    return false;
  }
  d.click('key', { gap: random.think(6000) });
  d.click('save', { gap: random.think(3000) });
  projectCreated(d, person, random, guides);
  return true;
}

function projectCreated(d, person, random, guides) {
  d.wait(random.int(5, 40));
  d.track('Project Created', { visibility: random.weighted({ private: 5, team: 4, public: 1 }) });
  person.projects += 1;
  d.route('/projects', 'projects_list');
  if (!person.npsSeen) nps(d, person, random, guides);
}

// The NPS survey: 1 s after the first "Project Created", once.
function nps(d, person, random, guides) {
  person.npsSeen = true;
  d.wait(1000 + random.int(0, 200));
  const ref = { ...guides.nps, step_index: 0, step_id: 'nps' };
  d.guide('cairn_guide_seen', ref);
  d.guide('cairn_step_seen', ref);
  const r = random.next();
  d.wait(random.think(8000));
  if (r < 0.47) {
    const score = person.skill > 0.3 ? random.weighted({ 7: 2, 8: 3, 9: 4, 10: 3 }) : random.weighted({ 3: 1, 5: 2, 6: 3, 7: 3, 8: 2 });
    d.guide('cairn_step_completed', ref, { answer: Number(score) });
    d.guide('cairn_guide_completed', { ...guides.nps });
  } else if (r < 0.82) {
    d.guide('cairn_guide_dismissed', ref, { reason: 'close_button' });
  }
}

// The key-field hotspot (at most 3 starts): 'read', 'shown' or 'none'.
// `mayRead`: whether they open it before going on (not when it appears just
// as they send the form).
function keyHint(d, person, random, guides, { mayRead = true } = {}) {
  if (person.hintShows >= 3) return 'none';
  person.hintShows += 1;
  d.wait(random.int(30, 200));
  const ref = { ...guides.hint, step_index: 0, step_id: 'hint' };
  d.guide('cairn_guide_seen', ref);
  d.guide('cairn_step_seen', ref);
  if (mayRead && !person.hintRead && random.chance(0.18)) { readHint(d, person, random, guides); return 'read'; }
  return person.hintRead ? 'read' : 'shown';
}

function readHint(d, person, random, guides) {
  d.wait(random.think(3000));
  d.guide('cairn_step_completed', { ...guides.hint, step_index: 0, step_id: 'hint' });
  d.guide('cairn_guide_completed', { ...guides.hint });
  person.hintRead = true;
}

// The weekly-reports banner on /projects, once per person.
function banner(d, person, random, guides) {
  if (person.bannerSeen) return;
  person.bannerSeen = true;
  d.wait(random.int(30, 200));
  const ref = { ...guides.banner, step_index: 0, step_id: 'banner' };
  d.guide('cairn_guide_seen', ref);
  d.guide('cairn_step_seen', ref);
  const r = random.next();
  if (r < 0.4) {
    d.wait(random.think(4000));
    d.guide('cairn_step_completed', ref);
    d.guide('cairn_guide_completed', { ...guides.banner });
  } else if (r < 0.7) {
    d.wait(random.think(3000));
    d.guide('cairn_guide_dismissed', ref, { reason: 'close_button' });
  }
}

// Clicks around the home page without heading for projects.
function wander(d, person, random, homeState) {
  const r = random.next();
  if (r < 0.3) {
    d.click('invite');
    d.track('Invite Clicked');
  } else if (r < 0.45) {
    d.click('export_report', { changes: false });  // not built yet: nothing happens
    if (random.chance(0.3)) d.click('export_report', { changes: false, gap: random.int(400, 900) });
  } else if (r < 0.7) {
    d.click('nav_billing');
    d.route('/billing', 'billing');
  }
  leave(d, random);
}

function leave(d, random) {
  d.wait(random.think(20000));
}

function returnSession(d, person, random, guides) {
  const home = person.projects ? 'home_returning' : 'home_new';
  d.load('/', home, '');
  let tour = startTour(d, person, random, guides);
  // Returning users mostly close a tour they have seen before.
  if (tour && (person.projects || random.chance(0.6))) { dismissTour(d, person, random, guides, 0); tour = false; }
  const actions = random.int(1, 4);
  for (let i = 0; i < actions; i++) {
    const r = random.next();
    if (!person.projects && (tour || r < 0.35)) {
      // Another try at the first project.
      d.click(tour || random.chance(0.5) ? 'open_projects' : 'nav_projects');
      if (tour) d.guide('cairn_step_completed', tourRef(guides, person, 0));
      d.route('/projects', 'projects_empty');
      if (tour) { d.wait(random.int(80, 300)); d.guide('cairn_step_seen', tourRef(guides, person, 1)); }
      banner(d, person, random, guides);
      if (!random.chance(tour ? 0.9 : 0.6)) return;
      d.click('new_project');
      if (tour) d.guide('cairn_step_completed', tourRef(guides, person, 1));
      d.route('/projects/new', 'form');
      createProject(d, person, random, guides, tour);
      return;
    }
    if (r < 0.45) {
      d.click('nav_projects');
      d.route('/projects', person.projects ? 'projects_list' : 'projects_empty');
      banner(d, person, random, guides);
      if (person.projects && random.chance(0.3)) {
        d.click('new_project');
        d.route('/projects/new', 'form');
        createProject(d, person, random, guides, false);
        return;
      }
    } else if (r < 0.6) {
      settings(d, person, random, guides, tour);
    } else if (r < 0.75) {
      billing(d, person, random);
    } else if (r < 0.94) {
      d.click('invite');
      d.track('Invite Clicked');
    } else {
      d.click('export_report', { changes: false });
    }
    if (d.page.path !== '/') { d.click('nav_home'); d.route('/', home); }
  }
  leave(d, random);
}

// Settings; the onboarding checklist (modal, each session until completed)
// shows only when the tour does not hold the guide slot in this session.
// Its "project" item is ticked by completing the tour; "invite" and
// "billing" by clicking them (each opens its page, a full page load). Ticking
// the last item completes it.
function settings(d, person, random, guides, tourRunning) {
  d.click('nav_settings');
  d.route('/settings', 'settings');
  if (!tourRunning && !person.checklistDone) {
    d.wait(random.int(200, 600));
    const ref = { ...guides.checklist, step_index: 0, step_id: 'checklist' };
    d.guide('cairn_guide_seen', ref);
    d.guide('cairn_step_seen', ref);
    const open = ['invite', 'billing'].filter((item) => !person.checked.has(item));
    if (open.length && random.chance(person.projects ? 0.7 : 0.35)) {
      const item = random.pick(open);
      d.wait(random.think(4000));
      person.checked.add(item);
      if (person.tourDone && person.checked.size === 2) {
        d.guide('cairn_step_completed', ref);
        d.guide('cairn_guide_completed', { ...guides.checklist });
        person.checklistDone = true;
      }
      if (item === 'invite') {
        d.load('/', person.projects ? 'home_returning' : 'home_new', d.appUrl + '/settings');
        d.click('invite');
        d.track('Invite Clicked');
      } else {
        d.load('/billing', 'billing', d.appUrl + '/settings');
        choosePlan(d, person, random, 0.6);
      }
      return;
    }
    if (random.chance(0.5)) { d.wait(random.think(3000)); d.guide('cairn_guide_dismissed', ref, { reason: 'close_button' }); }
  }
  if (random.chance(0.5)) {
    if (random.chance(0.5)) d.click('digest');
    d.click('save_settings');
    d.track('Settings Saved', { digest: random.chance(0.5) });
  }
}

// The work email a person signs up with (the sign-up form's), which the app
// sends as a trait: made from their name and id, not drawn, so each person's
// random stream (and the story of the data) is what it was without it; the
// id's last four hex digits tell apart two people of one name.
function workEmail(name, userId) {
  const [first, last] = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(' ');
  return `${first}.${last}.${userId.slice(-4)}@${COMPANIES[parseInt(userId.slice(2, 4), 16) % COMPANIES.length]}.example`;
}

function billing(d, person, random) {
  d.click('nav_billing');
  d.route('/billing', 'billing');
  choosePlan(d, person, random, 0.3);
}

// On /billing: a trial user with a project picks a plan with probability `p`.
function choosePlan(d, person, random, p) {
  if (person.projects && person.traits.plan === 'trial' && random.chance(p)) {
    const plan = random.weighted({ Team: 6, Starter: 3, Enterprise: 1 });
    d.click(`choose_${plan.toLowerCase()}`);
    person.traits = { ...person.traits, plan: plan.toLowerCase() };
    d.identify(person.traits);  // every trait, as app.js sends them
    d.setTraits(person.traits);
    d.track('Plan Selected', { plan });
  }
}
