'use client';
/**
 * Loads the comment section's browser script and the ALTCHA widget after hydration. The section itself
 * is server-rendered HTML (reading works without JavaScript); the script wires the form, reports and a
 * guest's own comments.
 */
import { useEffect } from 'react';

export function CommentsScript() {
  useEffect(() => {
    void import('altcha');
    void import('../comments/client').then(({ startCommentSection }) => startCommentSection());
  }, []);
  return null;
}
