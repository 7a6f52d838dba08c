/**
 * The comment section's browser script. The page reads and works without it; with it, the form posts to
 * the comments API directly (CORS), a guest sees their comment at once (marked "awaiting moderation"
 * when the API holds it), edits or deletes it within the edit window with the token kept in
 * localStorage, and any reader can report a comment.
 *
 * Everything from the API is put in the page as text, except a comment's `html`, which the plugin made
 * inert (escaped, `<br>`, `rel="ugc nofollow"` links).
 */
import {
  CommentsRefusal,
  contentApi,
  deleteGuestComment,
  editGuestComment,
  postGuestComment,
  reportComment,
  type ContentApi,
  type PublicComment,
} from '../lib/client';
import { forgetOwn, readOwn, saveOwn, type OwnComment } from './own-comments';
import { AWAITING_MODERATION, HONEYPOT_FIELD, countLabel, formatDate } from './texts';

/** The ALTCHA widget's element (altcha 3.x): the methods this script calls. */
interface AltchaWidget extends HTMLElement {
  verify(): Promise<{ payload?: string } | null>;
  reset(): void;
  getState(): string;
}

interface Section {
  root: HTMLElement;
  client: ContentApi;
  documentId: string;
  type: string;
  locale: string | undefined;
}

const messageOf = (error: unknown): string => {
  if (error instanceof CommentsRefusal) {
    if (error.status === 429 && error.retryAfterSeconds)
      return `${error.message} Try again in ${error.retryAfterSeconds} seconds.`;
    return error.message;
  }
  return 'The comments service cannot be reached; please try again.';
};

const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; type?: string } = {}
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.type) node.setAttribute('type', options.type);
  return node;
};

const commentElement = (root: ParentNode, id: number): HTMLElement | null =>
  root.querySelector<HTMLElement>(`[data-comment-id="${id}"]`);

/** The comment count line and the empty state follow the number readers see. */
function setCount(section: Section, change: number): void {
  const line = section.root.querySelector<HTMLElement>('.comment-count');
  const empty = section.root.querySelector<HTMLElement>('.comments-empty');
  if (!line || !empty) return;
  const count = Math.max(
    0,
    Number(line.dataset.count ?? line.textContent?.match(/\d+/)?.[0] ?? 0) + change
  );
  line.dataset.count = String(count);
  line.textContent = countLabel(count);
  line.hidden = count === 0;
  empty.hidden = count !== 0;
}

/** A comment of this browser that is not on the page yet: just posted, or waiting for a moderator. */
function ownCommentElement(
  id: number,
  comment: { name: string; html: string; createdAt: string },
  pending: boolean
): HTMLLIElement {
  const item = element('li', { className: 'comment comment-own' });
  item.id = `comment-${id}`;
  item.dataset.commentId = String(id);
  const body = element('div', { className: 'comment-body' });
  const meta = element('header', { className: 'comment-meta' });
  meta.append(element('span', { className: 'comment-author', text: comment.name }), ' ');
  const time = element('time', { text: formatDate(comment.createdAt) });
  time.dateTime = comment.createdAt;
  meta.append(time);
  if (pending)
    meta.append(' ', element('span', { className: 'comment-pending', text: AWAITING_MODERATION }));
  const text = element('div', { className: 'comment-text' });
  text.innerHTML = comment.html; // the plugin's inert HTML
  body.append(meta, text, element('footer', { className: 'comment-actions' }));
  item.append(body);
  return item;
}

/** Puts a comment of this browser on the page (top of the thread, or under the comment it answers). */
function insertOwn(section: Section, item: HTMLLIElement, parentId: number | null): void {
  const parent = parentId ? commentElement(section.root, parentId) : null;
  if (parent) {
    let replies = parent.querySelector<HTMLOListElement>(':scope > .comment-replies');
    if (!replies) {
      replies = element('ol', { className: 'comment-replies' });
      parent.querySelector(':scope > .comment-body')?.after(replies);
    }
    replies.append(item);
    return;
  }
  section.root.querySelector('.comment-list')?.prepend(item);
  // the thread is no longer empty for its author, even while their comment waits
  const empty = section.root.querySelector<HTMLElement>('.comments-empty');
  if (empty) empty.hidden = true;
}

/** Edit and Delete buttons on a comment this browser posted, while the edit window is open. */
function addOwnActions(section: Section, own: OwnComment): void {
  const item = commentElement(section.root, own.id);
  const actions = item?.querySelector<HTMLElement>(':scope > .comment-body .comment-actions');
  if (!item || !actions || actions.querySelector('[data-action="edit"]')) return;
  const edit = element('button', { type: 'button', text: 'Edit' });
  edit.dataset.action = 'edit';
  const remove = element('button', { type: 'button', text: 'Delete' });
  remove.dataset.action = 'delete';
  actions.prepend(edit, ' ', remove, ' ');
  edit.addEventListener('click', () => startEdit(section, own, item));
  remove.addEventListener('click', () => confirmDelete(section, own, item, remove));
}

function startEdit(section: Section, own: OwnComment, item: HTMLElement): void {
  const body = item.querySelector<HTMLElement>(':scope > .comment-body');
  const text = body?.querySelector<HTMLElement>('.comment-text');
  if (!body || !text || body.querySelector('.comment-edit')) return;
  const form = element('form', { className: 'comment-edit' });
  const label = element('label', { text: 'Edit your comment' });
  const area = element('textarea');
  area.name = 'text';
  area.rows = 4;
  area.value = text.innerText; // the text as written: <br> back to line breaks, links as their address
  label.append(area);
  const save = element('button', { type: 'submit', text: 'Save' });
  const cancel = element('button', { type: 'button', text: 'Cancel' });
  const status = element('p', { className: 'comment-edit-status' });
  status.setAttribute('role', 'status');
  form.append(label, save, ' ', cancel, status);
  text.hidden = true;
  text.after(form);
  area.focus();
  cancel.addEventListener('click', () => {
    form.remove();
    text.hidden = false;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      const { comment, status: held } = await editGuestComment(
        own.id,
        area.value,
        own.token,
        section.client
      );
      text.innerHTML = comment.html; // the plugin's inert HTML
      form.remove();
      text.hidden = false;
      const meta = body.querySelector('.comment-meta');
      if (meta && !meta.querySelector('.comment-edited'))
        meta.append(' ', element('span', { className: 'comment-edited', text: '(edited)' }));
      if (held === 'pending' && meta && !meta.querySelector('.comment-pending'))
        meta.append(
          ' ',
          element('span', { className: 'comment-pending', text: AWAITING_MODERATION })
        );
    } catch (error) {
      status.textContent = messageOf(error);
      save.disabled = false;
    }
  });
}

function confirmDelete(
  section: Section,
  own: OwnComment,
  item: HTMLElement,
  button: HTMLButtonElement
): void {
  if (button.dataset.confirming !== 'true') {
    button.dataset.confirming = 'true';
    button.textContent = 'Delete for good?';
    return;
  }
  button.disabled = true;
  deleteGuestComment(own.id, own.token, section.client).then(
    () => {
      forgetOwn(localStorage, own.id);
      const wasPublished = !item.querySelector('.comment-pending');
      const body = item.querySelector(':scope > .comment-body');
      const note = element('p', {
        className: 'comment-removed',
        text: 'You deleted this comment.',
      });
      body?.replaceChildren(note);
      if (wasPublished) setCount(section, -1);
    },
    (error: unknown) => {
      button.disabled = false;
      button.dataset.confirming = 'false';
      button.textContent = 'Delete';
      item.querySelector('.comment-actions')?.append(element('span', { text: messageOf(error) }));
    }
  );
}

/** Report buttons: one request each; the button says what happened. */
function wireReports(section: Section): void {
  section.root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>(
      'button[data-action="report"]'
    );
    const item = button?.closest<HTMLElement>('[data-comment-id]');
    if (!button || !item || button.disabled) return;
    button.disabled = true;
    reportComment(Number(item.dataset.commentId), undefined, section.client).then(
      ({ hidden }) => {
        button.textContent = hidden
          ? 'Reported: hidden until a moderator looks at it'
          : 'Reported, thank you';
      },
      (error: unknown) => {
        if (error instanceof CommentsRefusal && error.status === 409) {
          button.textContent = 'You already reported this comment';
          return;
        }
        button.disabled = false;
        button.textContent = `Report (${messageOf(error)})`;
      }
    );
  });
}

/** The form: the ALTCHA payload, then a post to the API; a fresh challenge after every attempt. */
function wireForm(section: Section): void {
  const form = section.root.querySelector<HTMLFormElement>('.comment-form');
  const widget = form?.querySelector<AltchaWidget>('altcha-widget');
  const status = form?.querySelector<HTMLElement>('.comment-form-status');
  const submit = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!form || !widget || !status || !submit) return;

  let payload: string | null = null;
  widget.addEventListener('statechange', (event) => {
    const detail = (event as CustomEvent<{ state?: string; payload?: string }>).detail;
    payload = detail?.state === 'verified' && detail.payload ? detail.payload : null;
  });
  // An expired challenge is refused by the server: solve a new one before the reader sends.
  widget.addEventListener('expired', () => {
    payload = null;
    void widget.verify();
  });

  const field = (name: string): string => {
    const value = new FormData(form).get(name);
    return typeof value === 'string' ? value : '';
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = field('name').trim();
    const email = field('email').trim();
    const text = field('text');
    if (!name || !email || !text.trim()) {
      status.textContent = 'Please give your name, your email and your comment.';
      return;
    }
    submit.disabled = true;
    try {
      if (!payload) {
        status.textContent = 'Running the proof-of-work check…';
        payload = (await widget.verify())?.payload ?? null;
      }
      if (!payload) {
        status.textContent = 'The proof-of-work check did not finish; please send again.';
        return;
      }
      status.textContent = 'Sending…';
      const { comment, meta } = await postGuestComment(
        {
          documentId: section.documentId,
          type: section.type,
          locale: section.locale,
          name,
          email,
          text,
          altcha: payload,
          honeypot: { field: HONEYPOT_FIELD, value: field(HONEYPOT_FIELD) },
        },
        section.client
      );
      const pending = meta.status === 'pending';
      const own: OwnComment = {
        id: comment.id,
        token: meta.editToken ?? '',
        editableUntil: meta.editableUntil,
        ...(pending ? { pending: pendingCopy(comment) } : {}),
      };
      if (meta.editToken) saveOwn(localStorage, own);
      insertOwn(
        section,
        ownCommentElement(comment.id, pendingCopy(comment), pending),
        comment.parentId
      );
      if (meta.editToken) addOwnActions(section, own);
      if (!pending) setCount(section, 1);
      form.querySelector<HTMLTextAreaElement>('textarea[name="text"]')!.value = '';
      status.textContent = pending
        ? 'Thank you! Your comment is awaiting moderation: readers see it once a moderator approves it.'
        : 'Thank you! Your comment is published.';
    } catch (error) {
      status.textContent = messageOf(error);
    } finally {
      // A challenge is accepted once, refused or not: get the next one ready now.
      payload = null;
      widget.reset();
      void widget.verify();
      submit.disabled = false;
    }
  });
}

const pendingCopy = (comment: PublicComment): NonNullable<OwnComment['pending']> => ({
  name: comment.author.name,
  html: comment.html,
  createdAt: comment.createdAt,
  parentId: comment.parentId,
});

/** This browser's comments: edit/delete on those shown, and the held ones shown to their author. */
function showOwnComments(section: Section): void {
  for (const own of readOwn(localStorage)) {
    if (commentElement(section.root, own.id)) {
      // on the page from the server: a moderator approved it
      if (own.pending) saveOwn(localStorage, { ...own, pending: undefined });
    } else if (own.pending) {
      insertOwn(section, ownCommentElement(own.id, own.pending, true), own.pending.parentId);
    }
    addOwnActions(section, own);
  }
}

/**
 * Wires the server-rendered comment section on the page (once: a section already wired is left alone).
 * Called by the article page's client component after hydration; the section's markup is not React's
 * (it is rendered as HTML by page.ts), so this script may change it freely.
 */
export function startCommentSection(): void {
  const root = document.querySelector<HTMLElement>('section.comments[data-api]');
  if (!root || root.dataset.wired === 'true') return;
  root.dataset.wired = 'true';
  const section: Section = {
    root,
    client: contentApi(root.dataset.api ?? ''),
    documentId: root.dataset.documentId ?? '',
    type: root.dataset.type ?? 'article',
    locale: root.dataset.locale || undefined,
  };
  wireReports(section);
  wireForm(section);
  showOwnComments(section);
}
