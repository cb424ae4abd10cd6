// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MarkingBadge } from './TlpBadge.js';

afterEach(cleanup);

describe('MarkingBadge', () => {
  it('spells out the level and picks the colour class', () => {
    render(<MarkingBadge kind="TLP" level="amber+strict" />);
    const badge = screen.getByText('TLP:AMBER+STRICT');
    expect(badge.className).toBe('badge tlp-amber-strict');
  });

  it('says when there is no marking', () => {
    render(<MarkingBadge kind="PAP" level={null} />);
    expect(screen.getByText('PAP: none').className).toBe('badge none');
  });
});
