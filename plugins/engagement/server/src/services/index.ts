import counter from './counter';
import dedupeState from './dedupe-state';
import publishedCache from './published-cache';
import stats from './stats';
import tables from './tables';

export default {
  counter,
  'dedupe-state': dedupeState,
  'published-cache': publishedCache,
  stats,
  tables,
};
