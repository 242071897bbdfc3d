// What the CS lead of the demo story does in the dashboard, through its UI
// only: log in, build a funnel step by step in the funnel builder, and read a
// panel's table as the screen shows it (rows keyed by column header, numbers
// with their thousands separators removed). Used by demo_story.test.mjs.
import { eventually } from './harness.mjs';

// Logs in through the dashboard's form; resolves on the tab bar.
export async function logInToDashboard(page, collector) {
  await page.goto(`${collector.url}/dashboard/`);
  await page.getByLabel('Email').fill(collector.admin.email);
  await page.getByLabel('Password').fill(collector.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.dashboard-tabs').waitFor();
}

// Opens a dashboard tab by its link, as a person clicks it (the range in the URL is kept).
export async function openTab(page, name) {
  await page.locator('.dashboard-tabs').getByRole('link', { name, exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

// Fills the funnel builder: steps are [kind label, value] with the builder's
// kinds ("Event", "Page view", "Element click"); window in days. Shows it.
export async function buildFunnel(page, steps, windowDays) {
  for (let i = 2; i < steps.length; i++) await page.getByRole('button', { name: '+ Add step' }).click();
  for (const [i, [kind, value]] of steps.entries()) {
    await page.getByLabel(`Step ${i + 1}: kind`).selectOption({ label: kind });
    await page.getByLabel(`Step ${i + 1}: which`).fill(value);
  }
  await page.locator('#funnel-window').fill(String(windowDays));
  await page.locator('#funnel-window-unit').selectOption({ label: 'days' });
  await page.getByRole('button', { name: 'Show funnel' }).click();
  const problems = page.locator('#funnel-problems li');
  await eventually(async () => (await problems.count()) > 0 || await page.locator('#funnel-summary').isVisible(),
    'the funnel shows (or the builder lists its problems)', 15000);
  if (await problems.count()) throw new Error(`the funnel builder refused the funnel: ${await problems.allTextContents()}`);
}

// The rows of the table in the panel titled `title`, as [{column: text}];
// cells that are numbers on screen ("1,234") become numbers.
export async function panelRows(page, title) {
  const panel = page.getByRole('region', { name: title, exact: true });
  await panel.locator('[aria-busy="false"]').waitFor({ timeout: 15000 });
  const error = panel.locator('[role=alert]');
  if (await error.count()) throw new Error(`the "${title}" panel shows an error: ${await error.textContent()}`);
  const empty = panel.locator('.empty-state');
  if (await empty.count()) throw new Error(`the "${title}" panel is empty: ${await empty.textContent()}`);
  return panel.locator('table').evaluate((table) => {
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    return [...table.querySelectorAll('tbody tr')].map((tr) => Object.fromEntries([...tr.children].map((cell, i) => {
      const text = cell.textContent.trim();
      return [headers[i], /^-?[\d,]+(\.\d+)?$/.test(text) ? Number(text.replace(/,/g, '')) : text];
    })));
  });
}
