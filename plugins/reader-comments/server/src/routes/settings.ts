/**
 * Admin routes of the settings page, the edit-view panel, the queue counts and data requests. Reading a
 * document's figures and the queue counts needs `moderate`; changing a document's mode, the word lists or
 * the pre-moderation rules, and answering data requests (export, erasure) need `configure` (super admins
 * have both).
 */
const adminRoute = (
  method: string,
  path: string,
  handler: string,
  action: 'moderate' | 'configure'
) => ({
  method,
  path,
  handler: handler.includes('.') ? handler : `settings.${handler}`,
  config: {
    policies: [
      'admin::isAuthenticatedAdmin',
      { name: 'admin::hasPermissions', config: { actions: [`plugin::reader-comments.${action}`] } },
    ],
  },
});

export const settingsRoutes = [
  adminRoute('GET', '/queue-counts', 'queueCounts', 'moderate'),
  adminRoute('GET', '/documents/:uid/:documentId', 'document', 'moderate'),
  adminRoute('PUT', '/documents/:uid/:documentId', 'setDocumentMode', 'configure'),
  adminRoute('GET', '/settings/words', 'words', 'configure'),
  adminRoute('PUT', '/settings/words', 'saveWords', 'configure'),
  adminRoute('GET', '/settings/pre-moderation', 'preModeration', 'configure'),
  adminRoute('PUT', '/settings/pre-moderation', 'savePreModeration', 'configure'),
  adminRoute('GET', '/settings/related', 'relatedOptions', 'configure'),
  adminRoute('GET', '/personal-data', 'moderation.exportData', 'configure'),
  adminRoute('DELETE', '/personal-data', 'moderation.eraseData', 'configure'),
];
