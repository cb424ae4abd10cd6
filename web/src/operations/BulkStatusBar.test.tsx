// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulkStatusBar } from './BulkStatusBar.js';
import type { Target, TargetStatus } from './types.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const target = (id: string, status: TargetStatus): Target => ({
  id,
  operationId: 'op',
  kind: 'ipv4',
  value: id,
  status,
  statusDetail: null,
  jurisdiction: { country: null, asn: null, asnHolder: null, source: null, overrideReason: null },
  stixRefs: [],
  contributors: [],
  created: '2026-01-01T00:00:00.000Z',
  statusChanged: '2026-01-01T00:00:00.000Z',
});

function renderBar(selected: Target[], onDone = () => undefined) {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <BulkStatusBar operationId="OP-1" selected={selected} onDone={onDone} />
    </QueryClientProvider>,
  );
}

describe('BulkStatusBar', () => {
  it('offers only the moves every selected target may make', () => {
    renderBar([target('a', 'action-requested'), target('b', 'action-requested')]);
    const options = [...screen.getByLabelText(/^Move to/).querySelectorAll('option')].map((o) => o.value);
    expect(options).toEqual(['', 'actioned', 'not-actioned']);
  });

  it('says so when the selection has no move in common, and draws nothing without a selection', () => {
    renderBar([target('a', 'identified'), target('b', 'reported')]);
    expect(screen.getByText(/no next status in common/)).toBeTruthy();
    cleanup();
    renderBar([]);
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('asks how a target was actioned and sends the move for every selected target', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify({ changed: 2 }), { status: 200 })));
    vi.stubGlobal('fetch', fetch);
    const onDone = vi.fn();
    renderBar([target('a', 'action-requested'), target('b', 'action-requested')], onDone);
    fireEvent.change(screen.getByLabelText(/^Move to/), { target: { value: 'actioned' } });
    const how = screen.getByLabelText(/^Action taken/);
    fireEvent.change(how, { target: { value: 'sinkholed' } });
    fireEvent.change(screen.getByLabelText(/^Evidence/), { target: { value: 'ticket 1\n\nticket 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply to 2' }));
    await waitFor(() => {
      expect(onDone).toHaveBeenCalled();
    });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/operations/OP-1/targets/status');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({
      targetIds: ['a', 'b'],
      to: 'actioned',
      detail: 'sinkholed',
      note: null,
      evidence: ['ticket 1', 'ticket 2'],
    });
  });
});
