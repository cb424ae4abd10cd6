// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { RouterProvider, createMemoryHistory, createRootRoute, createRouter } from '@tanstack/react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { StixObject } from '../api/types.js';
import { PropertyList, orderedProperties } from './PropertyList.js';

afterEach(cleanup);

const object: StixObject = {
  type: 'indicator',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  spec_version: '2.1',
  x_acme_score: 9,
  modified: '2026-01-01T00:00:00.000Z',
  name: 'C2',
  pattern: "[ipv4-addr:value = '203.0.113.5']",
  external_references: [{ source_name: 'blog', url: 'https://example.org/post' }],
  created_by_ref: 'identity--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
  kill_chain_phases: [{ kill_chain_name: 'lockheed', phase_name: 'c2' }],
};

async function renderInRouter(node: React.ReactNode) {
  const router = createRouter({
    routeTree: createRootRoute({ component: () => node }),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  render(<RouterProvider router={router} />);
  await screen.findByText('C2');
}

describe('PropertyList', () => {
  it('orders well-known properties first and custom ones last', () => {
    expect(orderedProperties(object)).toEqual([
      'name',
      'pattern',
      'modified',
      'created_by_ref',
      'external_references',
      'kill_chain_phases',
      'x_acme_score',
    ]);
  });

  it('renders every property: ids as links, URLs as safe links, nested objects', async () => {
    await renderInRouter(<PropertyList object={object} />);
    const author = screen.getByRole('link', { name: 'identity--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061' });
    expect(author.getAttribute('href')).toBe('/objects/identity--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061');
    const external = screen.getByRole('link', { name: 'https://example.org/post' });
    expect(external.getAttribute('rel')).toContain('noopener');
    expect(screen.getByText("[ipv4-addr:value = '203.0.113.5']").tagName).toBe('CODE');
    expect(screen.getByText('lockheed')).toBeTruthy();
    expect(screen.getByText('x acme score')).toBeTruthy();
    expect(screen.getByText('9')).toBeTruthy();
  });
});
