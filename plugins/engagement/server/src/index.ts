import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import destroy from './destroy';
import middlewares from './middlewares';
import register from './register';
import routes from './routes';
import services from './services';

// What an app may use besides the plugin object: the `engagement` field's one implementation in REST and
// GraphQL responses (an app's response cache attaches live figures to stored bodies with it), the
// throttled log line (one helper for warnings that may repeat on every request) and the types of the
// public services. The figures' own types (`EngagementTotals`, `EngagementValue`) are contracts:
// `strapi-plugin-engagement/shared`.
export {
  topLevelDocumentIds,
  withEngagement,
  type EngagementFigures,
} from './lib/engagement-field';
export {
  engagementSpot,
  withLiveEngagement,
  type EngagementSpot,
  type ResolvedField,
} from './lib/engagement-field-graphql';
export { ThrottledLog } from './lib/throttled-log';
export type { EngagementServices } from './utils';

export default {
  register,
  bootstrap,
  destroy,
  config,
  controllers,
  routes,
  services,
  contentTypes,
  policies: {},
  middlewares,
};
