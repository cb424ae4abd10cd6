import type { Inbox } from './intake-api.js';

export interface PageAt {
  cursor: string | undefined;
  n: number;
}

/**
 * Previous, next and first page of the inbox's groups, by the server's cursors. A walk reads the
 * inbox as it was on its first page; reports that arrived since show from the first page again.
 */
export function InboxPager({
  page,
  n,
  setAt,
}: {
  page: Inbox['page'];
  n: number;
  setAt: (at: PageAt) => void;
}) {
  return (
    <nav className="pager" aria-label="Inbox pages">
      <button
        type="button"
        disabled={n === 1}
        onClick={() => {
          setAt({ cursor: undefined, n: 1 });
        }}
      >
        First page
      </button>
      <button
        type="button"
        disabled={page.previous === null}
        onClick={() => {
          if (page.previous !== null) setAt({ cursor: page.previous, n: Math.max(1, n - 1) });
        }}
      >
        Previous groups
      </button>
      <button
        type="button"
        disabled={page.next === null}
        onClick={() => {
          if (page.next !== null) setAt({ cursor: page.next, n: n + 1 });
        }}
      >
        Next groups
      </button>
    </nav>
  );
}
