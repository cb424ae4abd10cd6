import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImportResponse } from '../api/types.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { DistributionPicker } from './DistributionPicker.js';
import { DropZone } from './DropZone.js';
import { ImportResults } from './ImportResults.js';
import { PreviewView } from './PreviewView.js';
import { previewBundle } from './preview-bundle.js';
import type { BundlePreview } from './preview-bundle.js';
import { uploadBundle } from './upload-bundle.js';

export function ImportPage() {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [choice, setChoice] = useState({ distribution: '', tlp: '' });
  const [progress, setProgress] = useState<number | null>(null);
  const [response, setResponse] = useState<ImportResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  const pick = (picked: File) => {
    setFile(picked);
    setResponse(null);
    setError(null);
    // Large files are previewed from their first 20 MB only; the server still reads them whole.
    void picked
      .slice(0, 20 * 1024 * 1024)
      .text()
      .then((text) => {
        setPreview(
          picked.size > 20 * 1024 * 1024 ? { objects: 0, byType: [], issues: [] } : previewBundle(text),
        );
      });
  };
  const start = () => {
    if (file === null) return;
    setProgress(0);
    setError(null);
    uploadBundle(file, choice, setProgress)
      .then((r) => {
        setResponse(r);
        void client.invalidateQueries();
      })
      .catch(setError)
      .finally(() => {
        setProgress(null);
      });
  };

  return (
    <div className="page">
      <h1>Import</h1>
      <p className="muted">
        Formats: STIX 2.1 bundles. Objects keep their own TLP markings; the TLP below applies to unmarked
        ones.
      </p>
      <DropZone onFile={pick} />
      {file !== null && preview !== null && (
        <PreviewView name={file.name} size={file.size} preview={preview} />
      )}
      <DistributionPicker distribution={choice.distribution} tlp={choice.tlp} onChange={setChoice} />
      <button
        type="button"
        onClick={start}
        disabled={file === null || preview?.fatal !== undefined || progress !== null}
      >
        Import
      </button>
      {progress !== null && (
        <p>
          <label>
            Uploading and importing <progress max={1} value={progress < 1 ? progress : undefined} />
          </label>
        </p>
      )}
      {error !== null && <ErrorNote error={error} />}
      {response !== null && <ImportResults response={response} />}
    </div>
  );
}
