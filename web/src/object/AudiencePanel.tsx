import type { Audience } from '../api/types.js';
import { OptionalPanel } from './OptionalPanel.js';

const REASONS: Record<string, string> = {
  owner: 'owns it',
  community: 'community distribution',
  public: 'public distribution',
};
const reason = (r: string) =>
  r.startsWith('group:') ? `member of sharing group ${r.slice(6)}` : (REASONS[r] ?? r);

/** "Who can see this, and why": every organisation in the object's audience with its reasons. */
export function AudiencePanel({ id }: { id: string }) {
  return (
    <OptionalPanel title="Who can see this, and why" url={`/api/v1/objects/${id}/audience`}>
      {(data) => {
        const a = data as Audience;
        return (
          <>
            <p>
              Distribution <strong>{a.distribution}</strong>
              {a.public && ' — also anyone without an account'}.
            </p>
            <ul className="audience">
              {a.organisations.map((o) => (
                <li key={o.id}>
                  <strong>{o.name}</strong> <span className="muted">{o.reasons.map(reason).join('; ')}</span>
                </li>
              ))}
            </ul>
          </>
        );
      }}
    </OptionalPanel>
  );
}
