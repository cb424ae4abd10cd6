export const ROLES = ['admin', 'org-admin', 'contributor', 'reader', 'sync'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person or machine, acting through their organisation. */
export interface UserViewer {
  readonly kind: 'user';
  readonly userId: string;
  readonly email: string;
  /** The organisation's STIX identity id. */
  readonly orgId: string;
  readonly role: Role;
  /** Ids of the sharing groups the organisation belongs to, read at authentication time. */
  readonly groups: readonly string[];
  /** True for a read-only API key: it may read whatever the user may read, and write nothing. */
  readonly readOnly: boolean;
  readonly keyId?: string;
  /**
   * Set when the viewer is a connected Accord instance (src/federation) rather than a person: it reaches
   * only what may leave this instance — `public`, `federation` and the sharing groups its rule names
   * (`groups`) — never `community`, and it owns nothing here.
   */
  readonly peer?: string;
}

export interface AnonymousViewer {
  readonly kind: 'anonymous';
}

/** Who is asking. Every read path receives one and hands it to the visibility rule. */
export type Viewer = UserViewer | AnonymousViewer;

export const ANONYMOUS: AnonymousViewer = { kind: 'anonymous' };

export function isAdmin(viewer: Viewer): boolean {
  return viewer.kind === 'user' && viewer.role === 'admin';
}

/** Roles that may write objects at all (readers and anonymous viewers never write). */
export function canWriteObjects(viewer: Viewer): viewer is UserViewer {
  return viewer.kind === 'user' && !viewer.readOnly && viewer.role !== 'reader';
}

/** Admin and sync users may write objects owned by another organisation (e.g. replication). */
export function canWriteForOtherOrgs(viewer: Viewer): boolean {
  return viewer.kind === 'user' && (viewer.role === 'admin' || viewer.role === 'sync');
}
