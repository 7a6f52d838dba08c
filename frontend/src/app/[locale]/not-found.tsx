/** The 404 page: an unknown article, tag or locale. */
export default function NotFound() {
  return (
    <section className="message">
      <title>Page not found</title>
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or it was never published.</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}
