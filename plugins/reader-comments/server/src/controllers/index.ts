import comments from './comments';

export default { comments };
