import { useState } from 'react';
import type { DragEvent } from 'react';

/** A file picker that also accepts a dropped file; the input stays the accessible way in. */
export function DropZone({ onFile }: { onFile: (file: File) => void }) {
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) onFile(file);
  };
  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => {
        setOver(false);
      }}
      onDrop={drop}
    >
      <label>
        Drop a STIX 2.1 bundle (.json) here, or choose a file
        <input
          type="file"
          accept=".json,application/json,application/stix+json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) onFile(file);
          }}
        />
      </label>
    </div>
  );
}
