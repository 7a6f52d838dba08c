import comments from './comments';
import moderation from './moderation';

export default { comments, moderation };
