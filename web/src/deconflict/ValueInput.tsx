/** A list of values, pasted or read from an uploaded text file (one value a line). */
export function ValueInput({
  id,
  label,
  text,
  onText,
}: {
  id: string;
  label: string;
  text: string;
  onText: (text: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label} (one a line)</label>
      <textarea
        id={id}
        rows={6}
        value={text}
        onChange={(e) => {
          onText(e.target.value);
        }}
      />
      <label>
        …or upload a text file
        <input
          type="file"
          accept=".txt,.csv,text/plain"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) void file.text().then(onText);
          }}
        />
      </label>
    </>
  );
}
