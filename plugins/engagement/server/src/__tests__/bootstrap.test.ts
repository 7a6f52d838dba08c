import { describeNothingTracked } from '../bootstrap';

describe('startup note when no content type is configured', () => {
  it("names the app's own types and the config line to add", () => {
    const line = describeNothingTracked([
      'plugin::users-permissions.user',
      'api::post.post',
      'api::page.page',
    ]);
    expect(line).toContain('nothing is counted');
    expect(line).toContain('Types this app could track: api::post.post, api::page.page.');
    expect(line).not.toContain('users-permissions');
    expect(line).toContain("engagement: { config: { contentTypes: ['api::post.post'] } }");
  });

  it('says so when the app has no type of its own', () => {
    expect(describeNothingTracked(['plugin::users-permissions.user'])).toContain(
      'has no collection type of its own'
    );
  });
});
