import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isSuper } from '../../admin/authorise.js';
import { forbidden } from '../../errors.js';
import { reportingContacts } from '../../public/ransomware/advice.js';
import { listDecryptors, removeDecryptor, setDecryptor } from '../../public/ransomware/decryptor-table.js';
import {
  removeReportingContact,
  setReportingContact,
} from '../../public/ransomware/reporting-contact-table.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  ContactBody,
  ContactList,
  ContactParams,
  ContactSet,
  DecryptorBody,
  DecryptorList,
  DecryptorParams,
  DecryptorSet,
} from './ransomware-tables.schema.js';

const tags = ['admin'];

function requireAdminReader(request: FastifyRequest) {
  const viewer = requireUser(request);
  if (!isSuper(viewer)) throw forbidden('only an administrator may list the curated ransomware tables');
  return viewer;
}

/**
 * The curated tables behind the public ransomware answers, for administrators: the free decryptor per
 * galaxy family and the police reporting contact per country. Every change is audited.
 */
export function ransomwareTablesRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const base = '/api/v1/admin/ransomware';
    r.get(
      `${base}/decryptors`,
      {
        schema: {
          tags,
          description: 'The curated free-decryptor table, by family (administrators).',
          response: { 200: DecryptorList },
        },
      },
      async (request) => {
        requireAdminReader(request);
        return { items: await listDecryptors(ctx.store) };
      },
    );
    r.put(
      `${base}/decryptors/:uuid`,
      {
        schema: {
          tags,
          description:
            'Set the free decryptor of one family of the database in force, keyed by galaxy UUID (administrators; audited). 400 `unknown_family` when the database has no such family.',
          params: DecryptorParams,
          body: DecryptorBody,
          response: { 200: DecryptorSet, 201: DecryptorSet },
        },
      },
      async (request, reply) => {
        const done = await setDecryptor(ctx.store, requireUser(request), request.params.uuid, request.body);
        return reply.code(done.created ? 201 : 200).send(done);
      },
    );
    r.delete(
      `${base}/decryptors/:uuid`,
      {
        schema: {
          tags,
          description: "Remove a family's decryptor entry (administrators; audited).",
          params: DecryptorParams,
        },
      },
      async (request, reply) => {
        await removeDecryptor(ctx.store, requireUser(request), request.params.uuid);
        return reply.code(204).send();
      },
    );
    r.get(
      `${base}/contacts`,
      {
        schema: {
          tags,
          description: 'Where victims report, per country; `*` for every other country (administrators).',
          response: { 200: ContactList },
        },
      },
      async (request) => {
        requireAdminReader(request);
        return { items: await reportingContacts(ctx.store) };
      },
    );
    r.put(
      `${base}/contacts/:country`,
      {
        schema: {
          tags,
          description:
            'Set the police reporting contact of one country (ISO 3166-1 alpha-2, or `*` for everyone else; administrators; audited).',
          params: ContactParams,
          body: ContactBody,
          response: { 200: ContactSet, 201: ContactSet },
        },
      },
      async (request, reply) => {
        const done = await setReportingContact(
          ctx.store,
          requireUser(request),
          request.params.country,
          request.body,
        );
        return reply.code(done.created ? 201 : 200).send(done);
      },
    );
    r.delete(
      `${base}/contacts/:country`,
      {
        schema: {
          tags,
          description: "Remove a country's reporting contact (administrators; audited).",
          params: ContactParams,
        },
      },
      async (request, reply) => {
        await removeReportingContact(ctx.store, requireUser(request), request.params.country);
        return reply.code(204).send();
      },
    );
  };
}
