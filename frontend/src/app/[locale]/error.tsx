'use client';
/**
 * What a reader sees when a page cannot be rendered, mostly because the content API is down: a short
 * explanation and a retry, never a stack trace. (The server logs the error with its cause.)
 */
export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section className="message" data-status="503">
      <title>Service unavailable</title>
      <h1>Service unavailable</h1>
      <p>The articles cannot be loaded right now. Please try again in a moment.</p>
      <p>
        <button type="button" onClick={() => reset()}>
          Try again
        </button>
      </p>
    </section>
  );
}
