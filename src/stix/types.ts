/** A STIX 2.1 object as it travels: the common properties typed, everything else preserved as-is. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  created_by_ref?: string;
  revoked?: boolean;
  labels?: string[];
  object_marking_refs?: string[];
  granular_markings?: GranularMarking[];
  [property: string]: unknown;
}

export interface GranularMarking {
  selectors: string[];
  marking_ref?: string;
  lang?: string;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** One problem found in input, located by a JSON path such as `objects[3].modified`. */
export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}

export interface ValidationResult {
  /** True when there are no errors; warnings never make an object invalid. */
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}
