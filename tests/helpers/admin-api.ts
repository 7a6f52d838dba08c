import { randomBytes } from 'node:crypto';
import { createAdminUser } from './admin-users';
import type { TestApp } from './strapi';

/**
 * An admin session for API tests: creates an active admin user with the given role code (the
 * super admin role by default) and logs in over HTTP, returning the Authorization header.
 */
export async function adminAuth(
  app: TestApp,
  roleCode = 'strapi-super-admin'
): Promise<{ Authorization: string }> {
  const user = {
    email: `admin-${randomBytes(4).toString('hex')}@example.com`,
    password: 'Test-Passw0rd!',
  };
  await createAdminUser(app, user, roleCode);
  const res = await app.http().post('/admin/login').send(user);
  if (res.status !== 200)
    throw new Error(`admin login answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { Authorization: `Bearer ${res.body.data.token as string}` };
}
