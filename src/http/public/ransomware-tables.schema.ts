import { z } from 'zod';
import { ContactCountry, ReportingContact, ReportingContactInput } from '../../public/ransomware/advice.js';
import { Decryptor, DecryptorInput } from '../../public/ransomware/decryptors.js';
import { items } from '../admin/admin.schema.js';

export const DecryptorParams = z.strictObject({
  uuid: z
    .string()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a UUID'),
});
export const DecryptorBody = DecryptorInput;
export const DecryptorList = items(Decryptor);
export const DecryptorSet = z.object({ decryptor: Decryptor, created: z.boolean() });

export const ContactParams = z.strictObject({ country: ContactCountry });
export const ContactBody = ReportingContactInput;
export const ContactList = items(ReportingContact);
export const ContactSet = z.object({ contact: ReportingContact, created: z.boolean() });
