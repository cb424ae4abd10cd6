import { useState } from 'react';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { keys, operationPath } from './operations-api.js';
import { commonMoves, detailFor } from './status-moves.js';
import type { Target, TargetStatus } from './types.js';

/**
 * Moves the selected targets together. Only moves every one of them may make are offered; the server
 * still checks each and changes none if one may not move.
 */
export function BulkStatusBar({
  operationId,
  selected,
  onDone,
}: {
  operationId: string;
  selected: Target[];
  onDone: () => void;
}) {
  const moves = commonMoves(selected.map((t) => t.status));
  const [to, setTo] = useState<TargetStatus | ''>('');
  const [detail, setDetail] = useState('');
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState('');
  const change = useWrite<{ changed: number }>([keys.all, keys.list]);
  const target = to !== '' && moves.includes(to) ? to : '';
  const needs = target === '' ? null : detailFor(target);
  if (selected.length === 0) return null;
  return (
    <form
      className="card bulk"
      aria-label="Change status of selected targets"
      onSubmit={(e) => {
        e.preventDefault();
        if (target === '') return;
        const body = {
          targetIds: selected.map((t) => t.id),
          to: target,
          detail: needs === null ? null : detail,
          note: note === '' ? null : note,
          evidence: evidence
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== ''),
        };
        change.mutate(
          { path: `${operationPath(operationId)}/targets/status`, method: 'POST', body },
          {
            onSuccess: () => {
              setTo('');
              setDetail('');
              setNote('');
              setEvidence('');
              onDone();
            },
          },
        );
      }}
    >
      <strong>{selected.length} selected</strong>{' '}
      {moves.length === 0 ? (
        <span className="muted">
          The selected targets have no next status in common; select targets of the same status.
        </span>
      ) : (
        <>
          <label>
            Move to{' '}
            <select
              value={target}
              onChange={(e) => {
                setTo(e.target.value as TargetStatus);
                setDetail('');
              }}
            >
              <option value="">choose…</option>
              {moves.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>{' '}
          {needs !== null && (
            <label>
              {needs.label}{' '}
              {needs.choices === null ? (
                <input
                  required
                  value={detail}
                  onChange={(e) => {
                    setDetail(e.target.value);
                  }}
                />
              ) : (
                <select
                  required
                  value={detail}
                  onChange={(e) => {
                    setDetail(e.target.value);
                  }}
                >
                  <option value="">choose…</option>
                  {needs.choices.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              )}
            </label>
          )}{' '}
          <label>
            Note{' '}
            <input
              value={note}
              maxLength={4000}
              onChange={(e) => {
                setNote(e.target.value);
              }}
            />
          </label>{' '}
          <label>
            Evidence (one a line){' '}
            <textarea
              rows={1}
              value={evidence}
              onChange={(e) => {
                setEvidence(e.target.value);
              }}
            />
          </label>{' '}
          <button type="submit" disabled={target === '' || change.isPending}>
            Apply to {selected.length}
          </button>
        </>
      )}
      {change.isSuccess && <span role="status"> {change.data.changed} changed.</span>}
      {change.error !== null && <ErrorNote error={change.error} />}
    </form>
  );
}
