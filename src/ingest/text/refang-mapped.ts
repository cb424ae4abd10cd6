import { REFANG_RULES } from '../../observable/index.js';
import type { MappedText } from './mapped-text.js';

/** The observable module's refang rules applied with offsets kept (see {@link MappedText}). */
export function refangMapped(text: MappedText): MappedText {
  let out = text;
  for (const rule of REFANG_RULES) out = out.replace(rule.pattern, rule.replace);
  return out;
}
