import comments from './comments';
import moderation from './moderation';
import settings from './settings';

export default { comments, moderation, settings };
