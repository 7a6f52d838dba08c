import type { TestApp } from './strapi';

export interface AdminCredentials {
  email: string;
  password: string;
}

export const SUPER_ADMIN: AdminCredentials = { email: 'admin@example.com', password: 'Admin-Passw0rd!' };
export const EDITOR: AdminCredentials = { email: 'editor@example.com', password: 'Editor-Passw0rd!' };

/** Registers the first (super) admin the way the admin's welcome form does. */
export async function registerSuperAdmin(app: TestApp, user: AdminCredentials = SUPER_ADMIN): Promise<void> {
  const res = await app
    .http()
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Admin', email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`register-admin answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Creates an active admin user with Strapi's built-in Editor role (no plugin permissions). */
export async function createEditor(app: TestApp, user: AdminCredentials = EDITOR): Promise<void> {
  const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })) as { id: number };
  await app.strapi.service('admin::user').create({
    firstname: 'Eddie',
    lastname: 'Editor',
    email: user.email,
    password: user.password,
    isActive: true,
    roles: [role.id],
  });
}
