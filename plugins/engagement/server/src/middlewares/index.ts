import fastView from './fast-view';
import rateLimit from './rate-limit';

export default { 'rate-limit': rateLimit, 'fast-view': fastView };
