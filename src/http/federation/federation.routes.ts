import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { federationRefused } from '../../errors.js';
import {
  connectPeer,
  disconnectPeer,
  federationPeers,
  federationStatus,
  peerStatus,
} from '../../federation/federation-admin.js';
import { instanceId } from '../../federation/instance-id.js';
import { INSTANCE_HEADER, SIGNATURE_HEADER, TOKEN_HEADER } from '../../federation/page-signature.js';
import { getPeer } from '../../federation/peers.js';
import { FederationRefused, pullFromPeer } from '../../federation/pull-from-peer.js';
import { authenticatePeer, confirmSent, servePage } from '../../federation/serve-outbound.js';
import { waitForChange } from '../../federation/wait-for-change.js';
import { requireAdmin } from '../../admin/authorise.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  ChangesQuery,
  FederationPeer,
  FederationStatusBody,
  PeerBody,
  PeerList,
  PeerParams,
  PeerStatusBody,
} from './federation.schema.js';
import { presentPeer, presentStatus } from './present-peer.js';

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * `/api/v1/federation`: administrators connect peers and watch them; connected instances fetch the
 * changes that may leave to them from `exchange/changes` (their own credentials, not a user's).
 */
export function federationRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const store = ctx.store;
    const tags = ['federation'];
    // Long polls end when the app closes, so `close()` never waits on a peer's wait.
    const closing = new AbortController();
    app.addHook('preClose', (done) => {
      closing.abort();
      done();
    });

    r.get('/api/v1/federation/peers', { schema: { tags, response: { 200: PeerList } } }, async (request) => {
      const peers = await federationPeers(store, requireUser(request));
      return { instance: await instanceId(store), items: peers.map(presentPeer) };
    });

    r.post(
      '/api/v1/federation/peers',
      { schema: { tags, body: PeerBody, response: { 201: FederationPeer } } },
      async (request, reply) => {
        const peer = await connectPeer(store, requireUser(request), request.body);
        return reply.code(201).send(presentPeer(peer));
      },
    );

    r.delete(
      '/api/v1/federation/peers/:id',
      { schema: { tags, params: PeerParams, response: { 200: FederationPeer } } },
      async (request) => presentPeer(await disconnectPeer(store, requireUser(request), request.params.id)),
    );

    r.get(
      '/api/v1/federation/status',
      {
        schema: {
          tags,
          description:
            'Administrators: every peer with the last seq sent and received, the lag each way, its state and its newest errors with reasons.',
          response: { 200: FederationStatusBody },
        },
      },
      async (request) => {
        const statuses = await federationStatus(store, requireUser(request));
        return { instance: await instanceId(store), items: statuses.map(presentStatus) };
      },
    );

    r.get(
      '/api/v1/federation/peers/:id/status',
      { schema: { tags, params: PeerParams, response: { 200: PeerStatusBody } } },
      async (request) => presentStatus(await peerStatus(store, requireUser(request), request.params.id)),
    );

    r.post(
      '/api/v1/federation/peers/:id/sync',
      { schema: { tags, params: PeerParams, response: { 200: PeerStatusBody } } },
      async (request) => {
        const viewer = requireUser(request);
        requireAdmin(viewer, 'sync federation peers');
        const peer = await getPeer(store, request.params.id);
        // A refusal is recorded in the peer's errors, which the status shows.
        await pullFromPeer(store, peer).catch((error: unknown) => {
          if (!(error instanceof FederationRefused)) throw error;
        });
        return presentStatus(await peerStatus(store, viewer, peer.id));
      },
    );

    r.get(
      '/api/v1/federation/exchange/changes',
      {
        schema: {
          tags,
          description:
            'For connected Accord instances: the changes after `after` that may leave to the caller, in commit order (waiting up to `wait` ms for one when there is none yet), signed (x-accord-signature: HMAC-SHA-256 of the body under the shared secret). The caller names itself with x-accord-instance and proves it with x-accord-federation-token.',
          querystring: ChangesQuery,
        },
      },
      async (request, reply) => {
        let peer;
        try {
          peer = await authenticatePeer(
            store,
            header(request.headers[INSTANCE_HEADER]),
            header(request.headers[TOKEN_HEADER]),
          );
        } catch (error) {
          if (!(error instanceof FederationRefused)) throw error;
          request.log.warn(
            { code: error.code, ip: request.ip },
            `federation: refused a peer: ${error.message}`,
          );
          throw federationRefused(error.code, error.message);
        }
        const { after, limit, wait, held, max_bytes: maxBytes } = request.query;
        if (wait > 0) {
          await confirmSent(store, peer, after);
          // A peer that hangs up ends its wait (its socket closes; the request itself ends at once).
          const gone = new AbortController();
          const hangUp = () => {
            gone.abort();
          };
          request.socket.once('close', hangUp);
          await waitForChange(store, after, wait, AbortSignal.any([closing.signal, gone.signal]));
          request.socket.off('close', hangUp);
        }
        const { body, signature } = await servePage(store, peer, after, limit, { held, maxBytes });
        return reply.header(SIGNATURE_HEADER, signature).type('application/json').send(body);
      },
    );
  };
}
