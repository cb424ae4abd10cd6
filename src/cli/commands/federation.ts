import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  connectPeer,
  disconnectPeer,
  federationPeers,
  federationStatus,
  peerStatus,
} from '../../federation/federation-admin.js';
import type { PeerStatus } from '../../federation/federation-admin.js';
import { instanceId } from '../../federation/instance-id.js';
import { PeerInput } from '../../federation/peers.js';
import type { Peer } from '../../federation/peers.js';
import { resolveActor, withStore } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { output } from './org.js';

type Flags = { json?: boolean; as?: string };
const common = (c: Command) =>
  c
    .option('--json', 'print JSON')
    .option('--as <email>', 'act as this user (default: the first administrator)');

const list = (value: string | undefined) =>
  value === undefined
    ? []
    : value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');

const peerLine = (p: Peer) =>
  `${p.name}  ${p.url}  ${p.instanceId}  ${p.direction}  TLP ≤ ${p.rule.max_tlp}` +
  (p.rule.groups.length > 0 ? `  groups: ${p.rule.groups.join(',')}` : '') +
  (p.rule.types.length > 0 ? `  types: ${p.rule.types.join(',')}` : '') +
  (p.rule.owners.length > 0 ? `  owners: ${p.rule.owners.length}` : '') +
  `  speaks for: ${p.speaksFor.length}`;

/** What `status` prints for one peer: both cursors, the lags and the newest errors with reasons. */
export function statusLines(s: PeerStatus): string[] {
  return [
    `${s.peer.name} (${s.peer.instanceId}, ${s.peer.direction}): ${s.state.replace('_', ' ')}`,
    `  sent:     up to seq ${s.sentSeq}, lag ${s.lagOut}${s.peer.lastServedAt === null ? '' : `, last served ${s.peer.lastServedAt}`}`,
    `  received: up to seq ${s.receivedSeq}, lag ${s.lagIn}${s.peer.lastPullAt === null ? '' : `, last pulled ${s.peer.lastPullAt}`}`,
    ...(s.errors.length === 0
      ? ['  errors:   none']
      : ['  errors:', ...s.errors.slice(0, 10).map((e) => `    ${e.at}  ${e.code}  ${e.message}`)]),
  ];
}

/** The shared secret: from a file or an environment variable, never from the command line. */
function readSecret(flags: { secretFile?: string; secretEnv?: string }): string {
  if (flags.secretFile !== undefined) {
    try {
      return readFileSync(flags.secretFile, 'utf8').trim();
    } catch (error) {
      throw new CliError(`cannot read --secret-file ${flags.secretFile}: ${(error as Error).message}`);
    }
  }
  const name = flags.secretEnv ?? 'ACCORD_PEER_SECRET';
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new CliError(`no shared secret: set ${name} or pass --secret-file (at least 32 characters)`);
  return value.trim();
}

interface AddFlags extends Flags {
  url: string;
  instance: string;
  direction: string;
  secretFile?: string;
  secretEnv?: string;
  maxTlp?: string;
  groups?: string;
  types?: string;
  owners?: string;
  speaksFor?: string;
}

export function registerFederation(program: Command): void {
  const federation = program
    .command('federation')
    .description('connect this instance to other Accord instances (administrators)');
  common(federation.command('id').description("print this instance's id (give it to the other side)")).action(
    async (flags: Flags) => {
      await withStore(async ({ store }) => {
        const id = await instanceId(store);
        output(flags.json, { instance: id }, () => [id]);
      });
    },
  );
  const peer = federation.command('peer').description('connected peers: add, list, remove, status');
  common(
    peer
      .command('add')
      .description('connect a peer; the shared secret comes from ACCORD_PEER_SECRET or --secret-file')
      .argument('<name>', 'a short name for the peer')
      .requiredOption('--url <url>', 'its base URL, e.g. https://accord.partner.example')
      .requiredOption('--instance <id>', 'its instance id (`accord federation id` there)')
      .option('--direction <d>', 'pull, push or both', 'both')
      .option('--secret-file <path>', 'a file holding the shared secret')
      .option('--secret-env <name>', 'the variable holding the shared secret (default ACCORD_PEER_SECRET)')
      .option('--max-tlp <level>', 'the highest TLP that may leave to it (default green)')
      .option('--groups <ids>', 'sharing groups that span both instances, comma-separated')
      .option('--types <types>', 'only these STIX types leave, comma-separated')
      .option('--owners <ids>', 'only objects of these owner identities leave, comma-separated')
      .option('--speaks-for <ids>', 'identities whose objects it may deliver, comma-separated'),
  ).action(async (name: string, flags: AddFlags) => {
    const parsed = PeerInput.safeParse({
      name,
      url: flags.url,
      instance_id: flags.instance,
      direction: flags.direction,
      secret: readSecret(flags),
      rule: {
        ...(flags.maxTlp === undefined ? {} : { max_tlp: flags.maxTlp.toLowerCase() }),
        groups: list(flags.groups),
        types: list(flags.types),
        owners: list(flags.owners),
      },
      speaks_for: list(flags.speaksFor),
    });
    if (!parsed.success)
      throw new CliError(
        parsed.error.issues
          .map(
            (i) =>
              `${i.path.join('.') === 'secret' ? 'the shared secret' : `--${i.path.at(-1) as string}`}: ${i.message}`,
          )
          .join('; '),
      );
    await withStore(async ({ store }) => {
      const actor = await resolveActor(store, flags.as);
      const added = await connectPeer(store, actor, parsed.data);
      output(flags.json, { ...added, secret: '(set)' }, () => [
        `connected ${added.name}`,
        `  ${peerLine(added)}`,
      ]);
    });
  });
  common(peer.command('list').description('list the connected peers')).action(async (flags: Flags) => {
    await withStore(async ({ store }) => {
      const peers = await federationPeers(store, await resolveActor(store, flags.as));
      output(flags.json, peers, () => (peers.length === 0 ? ['no peers'] : peers.map(peerLine)));
    });
  });
  common(peer.command('remove').description('disconnect a peer').argument('<peer>', 'name or id')).action(
    async (ref: string, flags: Flags) => {
      await withStore(async ({ store }) => {
        const removed = await disconnectPeer(store, await resolveActor(store, flags.as), ref);
        output(flags.json, removed, () => [`removed ${removed.name}`]);
      });
    },
  );
  for (const [parent, name, description] of [
    [peer, 'status', 'per peer: last sequence sent and received, lag, errors with reasons'],
    [federation, 'status', 'the same as `federation peer status`'],
  ] as const)
    common(
      parent.command(name).description(description).argument('[peer]', 'name or id (default: every peer)'),
    ).action(showStatus);
}

async function showStatus(ref: string | undefined, flags: Flags) {
  await withStore(async ({ store }) => {
    const actor = await resolveActor(store, flags.as);
    const statuses: PeerStatus[] =
      ref === undefined ? await federationStatus(store, actor) : [await peerStatus(store, actor, ref)];
    output(flags.json, statuses, () =>
      statuses.length === 0 ? ['no peers'] : statuses.flatMap(statusLines),
    );
  });
}
