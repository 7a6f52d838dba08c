export const PLUGIN_ID = 'thumbnails';

export const PERMISSIONS = {
  regenerate: [{ action: 'plugin::thumbnails.regenerate', subject: null }],
};

export const t = (id: string) => `${PLUGIN_ID}.${id}`;
