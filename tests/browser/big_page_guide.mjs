// The guide the large-page test and the host-impact benchmark run on
// pages/big.html: a tooltip on row 900's Edit button, one of 1,000 look-alikes,
// that waits for its target rather than falling back while it is gone.
export const bigPageGuide = { schema: 1, id: 'edit-tip', name: 'Edit tip', version: 1, status: 'published',
  trigger: { kind: 'page_load', pages: { include: [{ path: '/pages/big.html' }] } }, frequency: { kind: 'every_session' },
  steps: [{ id: 's', kind: 'tooltip', content: { en: { title: 'Edit a row', body: 'Click Edit.' } },
    missing_target: { wait_ms: 60000, then: 'centered' },
    target: { fingerprint: { version: 1, element: { tag: 'button', text: 'Edit 900', name: 'Edit 900', classes: ['cell', 'c7'],
      attributes: { 'data-testid': 'edit-900' }, role: 'button' } } } }] };
