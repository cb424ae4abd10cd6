import type { UserViewer } from '../policy/viewer.js';
import type { OutboundRule } from './outbound-rule.js';

/**
 * How this instance's visibility rule sees a connected peer (src/policy/visibility.ts, `peer`): it
 * reaches `public`, `federation` and the spanning sharing groups its rule names, nothing else. It is
 * read-only and owns nothing: its organisation id is no identity.
 */
export function peerViewer(peerId: string, rule: OutboundRule): UserViewer {
  return {
    kind: 'user',
    userId: `federation:${peerId}`,
    email: `federation:${peerId}`,
    orgId: `peer:${peerId}`,
    role: 'reader',
    groups: rule.groups,
    readOnly: true,
    peer: peerId,
  };
}
