import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Command } from 'commander';
import { scanBundle } from '../../ingest/stix/bundle-scanner.js';
import { pushObjects } from '../../taxii/client/push-bundle.js';
import { TaxiiClientError, TaxiiHttp } from '../../taxii/client/taxii-http.js';
import { CliError, EXIT } from '../cli-error.js';
import { authFromFlags, checkApiRoot, withAuthOptions } from './taxii-auth.js';
import type { TaxiiAuthFlags } from './taxii-auth.js';

interface PushFlags extends TaxiiAuthFlags {
  url: string;
  collection: string;
  json?: boolean;
}

/** The objects of a bundle file, streamed (the file is never read whole). */
async function* objectsOf(file: string): AsyncGenerator {
  for await (const item of scanBundle(createReadStream(file, { highWaterMark: 1 << 20 }), {
    maxObjectBytes: 5 * 1024 * 1024,
  })) {
    if (item.kind !== 'object') continue;
    if (item.text === null) throw new CliError(`${file}: objects[${item.index}] is larger than 5 MB`);
    yield JSON.parse(item.text);
  }
}

export function registerTaxiiPush(taxii: Command): void {
  withAuthOptions(
    taxii
      .command('push')
      .description('send a STIX bundle to a remote TAXII 2.1 collection and report its status')
      .argument('<file>', 'STIX 2.1 bundle file')
      .requiredOption('--url <api-root-url>', 'the remote API root')
      .requiredOption('--collection <id>', 'collection id on the remote server'),
  )
    .option('--json', 'print the statuses as JSON')
    .action(async (file: string, flags: PushFlags) => {
      const apiRoot = checkApiRoot(flags.url);
      await access(file).catch(() => {
        throw new CliError(`${file}: cannot read`);
      });
      const http = new TaxiiHttp({ apiRoot, auth: authFromFlags(flags) });
      let result;
      try {
        result = await pushObjects(http, flags.collection, objectsOf(file));
      } catch (error) {
        if (error instanceof TaxiiClientError) throw new CliError(error.message, EXIT.invalid);
        throw error;
      }
      if (flags.json === true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        process.stdout.write(
          `${file}: ${result.total} objects in ${result.envelopes} envelopes: ${result.successes.length} accepted, ${result.failures.length} failed, ${result.pendings.length} pending\n`,
        );
        for (const f of result.failures.slice(0, 50))
          process.stderr.write(`  ${f.id || '(no id)'}: ${f.message ?? 'failed'}\n`);
      }
      process.exitCode = result.failures.length > 0 ? EXIT.invalid : EXIT.ok;
    });
}
