import counter from './counter';
import counts from './counts';
import documents from './documents';
import stats from './stats';

export default { counter, counts, documents, stats };
