import { ApiError, CSRF_HEADERS, query } from '../api/client.js';
import type { ImportResponse } from '../api/types.js';

/**
 * Sends a bundle with upload progress (fetch cannot report it, XMLHttpRequest can). `onProgress`
 * receives 0..1 while the body goes up; the server imports as it reads.
 */
export function uploadBundle(
  file: Blob,
  options: { distribution?: string; tlp?: string },
  onProgress: (fraction: number) => void,
): Promise<ImportResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/bundles${query({ distribution: options.distribution, tlp: options.tlp })}`);
    xhr.setRequestHeader('content-type', 'application/json');
    for (const [k, v] of Object.entries(CSRF_HEADERS)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => {
      reject(new ApiError(0, 'network', 'the upload failed: network error'));
    };
    xhr.onload = () => {
      let body: Partial<ImportResponse> & { code?: string; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: reported below from the status
      }
      if (body.summary !== undefined && body.results !== undefined)
        resolve({ summary: body.summary, results: body.results });
      else reject(new ApiError(xhr.status, body.code ?? 'error', body.message ?? `HTTP ${xhr.status}`));
    };
    xhr.send(file);
  });
}
