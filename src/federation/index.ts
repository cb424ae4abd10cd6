/** Federation between Accord instances: peers, the outbound filter, transfer and its worker. */
export {
  connectPeer,
  disconnectPeer,
  federationPeers,
  federationStatus,
  PEER_STATES,
  peerStatus,
} from './federation-admin.js';
export type { PeerState, PeerStatus } from './federation-admin.js';
export { FederationWorker } from './federation-worker.js';
export { instanceId } from './instance-id.js';
export { OutboundRule, ruleAllows } from './outbound-rule.js';
export { getPeer, listPeers, PeerInput } from './peers.js';
export type { Peer } from './peers.js';
export { FederationRefused, pullFromPeer } from './pull-from-peer.js';
export { readOutbound } from './read-outbound.js';
