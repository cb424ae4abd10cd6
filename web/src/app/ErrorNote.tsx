import { ApiError } from '../api/client.js';

/** An error as the user should read it: the server's message, with its code for support. */
export function ErrorNote({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <p role="alert" className="error">
      {message}
      {code !== undefined && <span className="code"> ({code})</span>}
    </p>
  );
}
