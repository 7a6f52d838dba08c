import { randomBytes } from 'node:crypto';
import type { TestApp } from './strapi';

export interface AdminCredentials {
  email: string;
  password: string;
}

// One pair per test file (each file loads this module afresh): files sharing an app each sign in as
// their own users, so the admin's login rate limit (5 per email and address in 5 minutes) counts per file.
const fileKey = randomBytes(3).toString('hex');
export const SUPER_ADMIN: AdminCredentials = {
  email: `admin-${fileKey}@example.com`,
  password: 'Admin-Passw0rd!',
};
export const EDITOR: AdminCredentials = {
  email: `editor-${fileKey}@example.com`,
  password: 'Editor-Passw0rd!',
};

/** Registers the first (super) admin the way the admin's welcome form does. */
export async function registerSuperAdmin(
  app: TestApp,
  user: AdminCredentials = SUPER_ADMIN
): Promise<void> {
  const res = await app
    .http()
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Admin', email: user.email, password: user.password });
  if (res.status !== 200)
    throw new Error(`register-admin answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Creates an active admin user with the given role code (Strapi's built-in `strapi-super-admin`, `strapi-editor`, ...). */
export async function createAdminUser(
  app: TestApp,
  user: AdminCredentials,
  roleCode: string,
  name: { firstname: string; lastname: string } = { firstname: 'Test', lastname: roleCode }
): Promise<void> {
  const role = (await app.strapi.db
    .query('admin::role')
    .findOne({ where: { code: roleCode } })) as { id: number } | null;
  if (!role) throw new Error(`No admin role "${roleCode}"`);
  await app.strapi.service('admin::user').create({
    ...name,
    email: user.email,
    password: user.password,
    isActive: true,
    roles: [role.id],
  });
}

/**
 * This file's super admin: registered the way the admin's welcome form does when the app has no admin
 * yet, else (an app shared with other files) created with Strapi's Super Admin role.
 */
export async function ensureSuperAdmin(
  app: TestApp,
  user: AdminCredentials = SUPER_ADMIN
): Promise<void> {
  const admins = await app.strapi.db.query('admin::user').count();
  if (admins === 0) await registerSuperAdmin(app, user);
  else
    await createAdminUser(app, user, 'strapi-super-admin', { firstname: 'Ada', lastname: 'Admin' });
}

/** Creates an active admin user with Strapi's built-in Editor role (no plugin permissions). */
export const createEditor = (app: TestApp, user: AdminCredentials = EDITOR): Promise<void> =>
  createAdminUser(app, user, 'strapi-editor');
