import comments from './comments';
import moderation from './moderation';
import notifications from './notifications';
import settings from './settings';

export default { comments, moderation, settings, notifications };
