import admin from './admin';
import engagement from './engagement';

export default { admin, engagement };
