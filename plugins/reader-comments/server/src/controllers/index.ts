import comments from './comments';
import moderation from './moderation';
import notifications from './notifications';

export default { comments, moderation, notifications };
