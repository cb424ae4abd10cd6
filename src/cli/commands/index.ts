import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every `accord` command, in the order `accord --help` lists them; each lives in its own file and is
 * imported only when needed, since the command modules pull in the store, the HTTP app, the renderers…
 */
const COMMANDS = new Map<string, () => Promise<Register>>(
  Object.entries({
    serve: async () => (await import('./serve.js')).registerServe,
    init: async () => (await import('./init.js')).registerInit,
    import: async () => (await import('./import.js')).registerImport,
    export: async () => (await import('./export.js')).registerExport,
    get: async () => (await import('./get.js')).registerGet,
    stats: async () => (await import('./stats.js')).registerStats,
    taxii: async () => (await import('./taxii.js')).registerTaxii,
    org: async () => (await import('./org.js')).registerOrg,
    user: async () => (await import('./user.js')).registerUser,
    key: async () => (await import('./key.js')).registerKey,
    group: async () => (await import('./group.js')).registerGroup,
    audit: async () => (await import('./audit.js')).registerAudit,
    policy: async () => (await import('./policy.js')).registerPolicy,
    match: async () => (await import('./match.js')).registerMatch,
    pattern: async () => (await import('./pattern.js')).registerPattern,
    feed: async () => (await import('./feed.js')).registerFeed,
    report: async () => (await import('./report.js')).registerReport,
    ransomware: async () => (await import('./ransomware.js')).registerRansomware,
    deconflict: async () => (await import('./deconflict.js')).registerDeconflict,
    pss: async () => (await import('./pss.js')).registerPss,
    subscription: async () => (await import('./subscription.js')).registerSubscription,
    operation: async () => (await import('./operation.js')).registerOperation,
    federation: async () => (await import('./federation.js')).registerFederation,
  }),
);

/**
 * Registers the commands `argv` can reach: when its first argument names a command, that command
 * alone (its help, options and errors do not depend on the others); otherwise (`--help`, `help`,
 * `--version`, an unknown name that wants suggestions, or no `argv`) all of them.
 */
export async function registerCommands(program: Command, argv?: readonly string[]): Promise<void> {
  const named = argv?.[2] === undefined ? undefined : COMMANDS.get(argv[2]);
  const loaders = named === undefined ? [...COMMANDS.values()] : [named];
  const registers = await Promise.all(loaders.map((load) => load()));
  for (const register of registers) register(program);
}
