/** Metadata key for the roles a route admits besides admin (set by @Authenticated). */
export const ROLES_KEY = 'retrowalk:roles';
