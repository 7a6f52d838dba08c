import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import destroy from './destroy';
import register from './register';
import routes from './routes';
import services from './services';

export type { ReaderCommentsServices } from './utils';
export { fieldsHash } from './services/challenge';
export { COMMENTS_CHANGED_EVENT, type CommentsChanged } from './services/counts';
export {
  countKey,
  topLevelEntries,
  withCommentCounts,
  type CommentsSummary,
} from './lib/comments-field';

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
  middlewares: {},
};
