import { randomBytes } from 'node:crypto';
import type { TestApp } from './strapi';

/**
 * An admin session for API tests: creates an active admin user with the given role code (the
 * super admin role by default) and logs in over HTTP, returning the Authorization header.
 */
export async function adminAuth(app: TestApp, roleCode = 'strapi-super-admin'): Promise<{ Authorization: string }> {
  const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } })) as { id: number } | null;
  if (!role) throw new Error(`No admin role "${roleCode}"`);
  const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'Test-Passw0rd!';
  await app.strapi.service('admin::user').create({ firstname: 'Test', lastname: 'Admin', email, password, isActive: true, roles: [role.id] });
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { Authorization: `Bearer ${res.body.data.token as string}` };
}
