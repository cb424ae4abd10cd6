import type { BundlePreview } from './preview-bundle.js';

export function PreviewView({ name, size, preview }: { name: string; size: number; preview: BundlePreview }) {
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">
        Preview of {name} <span className="muted">({(size / 1024).toFixed(1)} KiB)</span>
      </h2>
      {preview.fatal !== undefined ? (
        <p role="alert" className="error">
          {preview.fatal}
        </p>
      ) : (
        <>
          <p data-testid="preview-summary">
            {preview.objects} objects
            {preview.byType.length > 0 && `: ${preview.byType.map(([t, n]) => `${n} ${t}`).join(', ')}`}
          </p>
          {preview.issues.length === 0 ? (
            <p className="ok">No problems found before sending.</p>
          ) : (
            <ul className="issues" aria-label="Problems found">
              {preview.issues.slice(0, 200).map((i) => (
                <li key={`${i.index}-${i.message}`}>
                  #{i.index} {i.id ?? ''}: {i.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
