import { describe, expect, it } from 'vitest';
import { commonMoves, detailFor } from './status-moves.js';

describe('commonMoves', () => {
  it('offers the next statuses of a uniform selection', () => {
    expect(commonMoves(['action-requested', 'action-requested'])).toEqual(['actioned', 'not-actioned']);
  });
  it('offers only the moves every selected target may make', () => {
    expect(commonMoves(['actioned', 'not-actioned'])).toEqual(['outcome-confirmed']);
    expect(commonMoves(['identified', 'reported'])).toEqual([]);
    expect(commonMoves(['outcome-confirmed'])).toEqual([]);
    expect(commonMoves([])).toEqual([]);
  });
});

describe('detailFor', () => {
  it('asks how for actioned, why for not-actioned, and nothing for reported', () => {
    expect(detailFor('actioned')?.choices).toContain('taken-down');
    expect(detailFor('not-actioned')).toEqual({ label: 'Reason', choices: null });
    expect(detailFor('reported')).toBeNull();
  });
});
