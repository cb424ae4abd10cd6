// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryHistory, createRootRoute, createRouter } from '@tanstack/react-router';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Inbox } from './intake-api.js';
import { InboxPage } from './InboxPage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

const inbox = (over: Partial<Inbox> = {}): Inbox => ({
  triage: { allowed: true, reason: null },
  counts: { new: 0, promoted: 0, benign: 0 },
  groups: [],
  total: {
    groups: over.groups?.length ?? 0,
    reports: new Set(over.groups?.flatMap((g) => g.reports.map((r) => r.id))).size,
  },
  page: { size: 20, next: null, previous: null },
  ...over,
});

const report = {
  id: 'r1',
  kind: 'sms',
  received: '2026-12-07T10:00:00.000Z',
  status: 'new',
  subject: 'Blocked <script>window.pwned=1</script> <b>now</b>',
  sender: 'BANK',
  campaign: 'c1',
  contact: null,
  partner: null,
  stix_report_id: 'report--1',
  values: [{ kind: 'url', value: 'https://fake-bank.example/login' }],
};

/** The page in a router and query client, with the inbox endpoint answering `answer` (other calls: empty). */
function renderPage(answer: (url: string, init?: RequestInit) => Promise<Response>) {
  const fetch = vi.fn((url: string, init?: RequestInit) =>
    url.startsWith('/api/v1/intake/inbox') ? answer(url, init) : json({ items: [] }),
  );
  vi.stubGlobal('fetch', fetch);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createRouter({
    routeTree: createRootRoute({
      component: () => (
        <QueryClientProvider client={client}>
          <InboxPage />
        </QueryClientProvider>
      ),
    }),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  render(<RouterProvider router={router} />);
  return fetch;
}

describe('InboxPage', () => {
  it('says the inbox is empty when there is nothing open', async () => {
    renderPage(() => json(inbox({ counts: { new: 0, promoted: 0, benign: 3 } })));
    expect((await screen.findByTestId('inbox-empty')).textContent).toMatch(/no open reports/);
    expect(screen.getByTestId('inbox-counts').textContent).toMatch(/Benign3/);
  });

  it('shows the server’s error, and the server’s reason when triage is refused', async () => {
    renderPage(() =>
      json({ code: 'intake_not_configured', message: 'report intake is not configured' }, 503),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'report intake is not configured (intake_not_configured)',
    );
    cleanup();
    renderPage(() => json(inbox({ triage: { allowed: false, reason: 'only contributors triage' } })));
    expect((await screen.findByTestId('not-permitted')).textContent).toMatch(/only contributors triage/);
    expect(screen.queryByRole('button', { name: 'Mark benign' })).toBeNull();
    expect(screen.queryByTestId('inbox-empty')).toBeNull();
  });

  it('renders report fields as text and promotes the selected group with the chosen marking', async () => {
    const group = {
      key: 'url:fake-bank.example',
      label: 'fake-bank.example',
      count: 1,
      first: report.received,
      last: report.received,
      reports: [report],
    };
    const fetch = renderPage((url) =>
      url.endsWith('/promote')
        ? json({
            reports: 1,
            indicators: [{ id: 'indicator--1', kind: 'url', value: 'x', status: 'created' }],
          })
        : json(inbox({ counts: { new: 1, promoted: 0, benign: 0 }, groups: [group] })),
    );
    const cell = await screen.findByText(/Blocked/);
    expect(cell.textContent).toBe(report.subject);
    expect(document.querySelector('main script, script, b')).toBeNull();
    fireEvent.click(screen.getByLabelText('Select group fake-bank.example'));
    expect(screen.getByTestId('selected-count').textContent).toBe('1 report selected');
    fireEvent.change(screen.getByLabelText('TLP'), { target: { value: 'amber' } });
    fireEvent.change(screen.getByLabelText('Distribution'), { target: { value: 'organisation' } });
    fireEvent.click(screen.getByRole('button', { name: 'Promote to indicators' }));
    await screen.findByText(/Promoted 1 report: 1 indicator/);
    const call = fetch.mock.calls.find(([url]) => url.endsWith('/promote'))!;
    expect(JSON.parse(call[1]!.body as string)).toEqual({
      reports: ['r1'],
      tlp: 'amber',
      distribution: 'organisation',
    });
    await waitFor(() => {
      expect(screen.getByTestId('selected-count').textContent).toBe('0 reports selected');
    });
  });

  it('pages through the server’s pages by cursor, with the totals of the whole filter', async () => {
    const group = (i: number) => ({
      key: `url:host-${String(i)}.example`,
      label: `host-${String(i)}.example`,
      count: 1,
      first: report.received,
      last: report.received,
      reports: [{ ...report, id: `r${String(i)}` }],
    });
    const first = Array.from({ length: 20 }, (_, i) => group(i));
    const second = Array.from({ length: 5 }, (_, i) => group(20 + i));
    const total = { groups: 25, reports: 25 };
    const fetch = renderPage((url) =>
      url.includes('cursor=c2')
        ? json(inbox({ groups: second, total, page: { size: 20, next: null, previous: 'c1' } }))
        : json(inbox({ groups: first, total, page: { size: 20, next: 'c2', previous: null } })),
    );
    await screen.findByText(/page 1 of 2/);
    expect(screen.getByTestId('inbox-summary').textContent).toMatch(/25 groups by url host, 25 reports/);
    expect(screen.getAllByTestId('inbox-group')).toHaveLength(20);
    fireEvent.click(screen.getByRole('button', { name: 'Next groups' }));
    await waitFor(() => {
      expect(screen.getAllByTestId('inbox-group')).toHaveLength(5);
    });
    expect(screen.getByText(/page 2 of 2/)).toBeTruthy();
    expect(fetch.mock.calls.some(([u]) => u.includes('cursor=c2') && u.includes('size=20'))).toBe(true);
    expect(screen.getAllByTestId('inbox-group').map((g) => g.querySelector('h2')?.textContent)).toEqual([
      'host-20.example',
      'host-21.example',
      'host-22.example',
      'host-23.example',
      'host-24.example',
    ]);
    expect(screen.getByRole('button', { name: 'Next groups' })).toHaveProperty('disabled', true);
  });
});
