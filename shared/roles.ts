// Roles in a circle of support (see shared/PRODUCT.md). Display names come from i18n: `roles.<id>`.

export const ROLES = ['person', 'family', 'socialWorker', 'advocate', 'provider'] as const;
export type Role = (typeof ROLES)[number];
