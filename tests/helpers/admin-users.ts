import type { TestApp } from './strapi';

export interface AdminCredentials {
  email: string;
  password: string;
}

export const SUPER_ADMIN: AdminCredentials = {
  email: 'admin@example.com',
  password: 'Admin-Passw0rd!',
};
export const EDITOR: AdminCredentials = {
  email: 'editor@example.com',
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
  roleCode: string
): Promise<void> {
  const role = (await app.strapi.db
    .query('admin::role')
    .findOne({ where: { code: roleCode } })) as { id: number } | null;
  if (!role) throw new Error(`No admin role "${roleCode}"`);
  await app.strapi.service('admin::user').create({
    firstname: 'Test',
    lastname: roleCode,
    email: user.email,
    password: user.password,
    isActive: true,
    roles: [role.id],
  });
}

/** Creates an active admin user with Strapi's built-in Editor role (no plugin permissions). */
export const createEditor = (app: TestApp, user: AdminCredentials = EDITOR): Promise<void> =>
  createAdminUser(app, user, 'strapi-editor');
