/**
 * The comment section as HTML, from what the public API answered. Pure functions: no fetching here (the
 * article page reads the API), and every value goes through the escaping `html` template. The page puts
 * this HTML in as it is, so the browser script (client.ts) may change it without React noticing.
 */
import { challengeUrl, type PublicComment, type ThreadComment } from '../lib/client';
import { commentHtml, html, type SafeHtml } from './html';
import {
  ALTCHA_NOTICE,
  EMAIL_NOTE,
  EMPTY_STATE,
  HONEYPOT_FIELD,
  countLabel,
  formatDate,
} from './texts';

/** What the comment section of one page shows. */
export interface CommentSectionView {
  /** The Strapi content API's base URL as the browser reaches it (ends with `/api`). */
  apiUrl: string;
  type: string;
  documentId: string;
  locale: string | undefined;
  count: number;
  comments: ThreadComment[];
  /** Where "older comments" leads; null on the last page. */
  olderHref: string | null;
  /** Where a thread's "more replies" leads. */
  repliesHref: (rootId: number, cursor: string) => string;
}

const when = (iso: string): SafeHtml => html`<time datetime="${iso}">${formatDate(iso)}</time>`;

/** One comment (without its replies): author, date, the server's inert HTML, a report button. */
export function commentBody(comment: PublicComment): SafeHtml {
  if (comment.removed)
    return html`<div class="comment-body">
      <p class="comment-removed">This comment was deleted.</p>
    </div>`;
  return html`<div class="comment-body">
    <header class="comment-meta">
      <span class="comment-author">${comment.author.name}</span>
      ${comment.replyTo ? html`<span class="comment-reply-to">to ${comment.replyTo}</span>` : null}
      ${when(comment.createdAt)}
      ${comment.editedAt ? html`<span class="comment-edited">(edited)</span>` : null}
    </header>
    <div class="comment-text">${commentHtml(comment.html)}</div>
    <footer class="comment-actions">
      <button type="button" class="comment-report" data-action="report">Report</button>
    </footer>
  </div>`;
}

const replyItem = (reply: PublicComment): SafeHtml =>
  html`<li class="comment comment-reply" id="comment-${reply.id}" data-comment-id="${reply.id}">
    ${commentBody(reply)}
  </li>`;

function threadItem(comment: ThreadComment, view: CommentSectionView): SafeHtml {
  const hidden = comment.replyCount - comment.replies.length;
  return html`<li class="comment" id="comment-${comment.id}" data-comment-id="${comment.id}">
    ${commentBody(comment)}
    ${comment.replies.length > 0
      ? html`<ol class="comment-replies">
          ${comment.replies.map(replyItem)}
        </ol>`
      : null}
    ${comment.moreReplies
      ? html`<a class="more-replies" href="${view.repliesHref(comment.id, comment.moreReplies)}"
          >More replies${hidden > 0 ? ` (${hidden})` : ''}</a
        >`
      : null}
  </li>`;
}

/** The form: name, email (said to stay private), text, the hidden honeypot, the ALTCHA widget. */
function commentForm(view: CommentSectionView): SafeHtml {
  const challenge = challengeUrl(view.apiUrl, view.documentId, {
    type: view.type,
    locale: view.locale,
  });
  return html`<form class="comment-form" method="post" novalidate>
    <h3>Leave a comment</h3>
    <p>
      <label for="comment-name">Name</label>
      <input id="comment-name" name="name" required maxlength="60" autocomplete="name" />
    </p>
    <p>
      <label for="comment-email">Email</label>
      <input
        id="comment-email"
        name="email"
        type="email"
        required
        autocomplete="email"
        aria-describedby="comment-email-note"
      />
      <small id="comment-email-note">${EMAIL_NOTE}</small>
    </p>
    <p>
      <label for="comment-text">Comment</label>
      <textarea id="comment-text" name="text" required maxlength="5000" rows="5"></textarea>
    </p>
    <div class="comment-hp" aria-hidden="true">
      <label for="comment-${HONEYPOT_FIELD}">Leave this field empty</label>
      <input
        id="comment-${HONEYPOT_FIELD}"
        name="${HONEYPOT_FIELD}"
        tabindex="-1"
        autocomplete="off"
      />
    </div>
    <altcha-widget challenge="${challenge}" auto="onfocus" name="altcha"></altcha-widget>
    <p class="comment-altcha-notice">${ALTCHA_NOTICE}</p>
    <button type="submit">Post comment</button>
    <p class="comment-form-status" role="status" aria-live="polite"></p>
    <noscript><p>Posting a comment needs JavaScript for the proof-of-work check.</p></noscript>
  </form>`;
}

/** The comment section: count or empty state, the thread, "older comments", the form. */
export function commentSection(view: CommentSectionView): SafeHtml {
  return html`<section
    id="comments"
    class="comments"
    aria-labelledby="comments-heading"
    data-api="${view.apiUrl}"
    data-type="${view.type}"
    data-document-id="${view.documentId}"
    data-locale="${view.locale ?? ''}"
  >
    <h2 id="comments-heading">Comments</h2>
    <p class="comment-count" data-count="${view.count}" ${view.count === 0 ? html` hidden` : null}>
      ${countLabel(view.count)}
    </p>
    <p class="comments-empty" ${view.count === 0 ? null : html` hidden`}>${EMPTY_STATE}</p>
    <ol class="comment-list">
      ${view.comments.map((comment) => threadItem(comment, view))}
    </ol>
    ${view.olderHref
      ? html`<a class="older-comments" href="${view.olderHref}">Older comments</a>`
      : null}
    ${commentForm(view)}
  </section>`;
}

/** "More replies" of one thread, as a page of its own (a link that works without JavaScript). */
export function repliesSection(options: {
  apiUrl: string;
  title: string;
  articleHref: string;
  replies: PublicComment[];
  nextHref: string | null;
}): SafeHtml {
  return html`<p><a href="${options.articleHref}">Back to ${options.title}</a></p>
    <section class="comments" aria-labelledby="replies-heading" data-api="${options.apiUrl}">
      <h2 id="replies-heading">More replies</h2>
      <ol class="comment-list">
        ${options.replies.map(replyItem)}
      </ol>
      ${options.nextHref
        ? html`<a class="more-replies" href="${options.nextHref}">More replies</a>`
        : null}
    </section>`;
}
