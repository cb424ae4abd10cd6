/** STIX indicator-type-ov for a MISP category: what a detection on it would mean. */
export function indicatorTypeOf(category: string | undefined): string {
  switch (category) {
    case 'Attribution':
      return 'attribution';
    case 'Internal reference':
    case 'Other':
    case undefined:
      return 'unknown';
    case 'Anonymisation':
      return 'anonymization';
    default:
      return 'malicious-activity';
  }
}
