import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useT } from './PublicLayout.js';
import { firstBytesHex, identifyRansomware } from './public-api.js';
import type { Identification } from './public-api.js';
import type { MessageKey } from './i18n.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The ransomware identification form, its result and the advice; anonymous. */
export function RansomwarePage() {
  const { t } = useT();
  const [files, setFiles] = useState('');
  const [noteName, setNoteName] = useState('');
  const [noteText, setNoteText] = useState('');
  const [contacts, setContacts] = useState('');
  const [marker, setMarker] = useState<string | undefined>();
  const [country, setCountry] = useState('');
  const [share, setShare] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<Identification | undefined>();

  async function submit(e: SyntheticEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await identifyRansomware({
          file_names: lines(files),
          note_names: lines(noteName),
          contacts: lines(contacts),
          ...(noteText.trim() === '' ? {} : { note_text: noteText.slice(0, 100_000) }),
          ...(marker === undefined ? {} : { marker_hex: marker }),
          ...(/^[A-Za-z]{2}$/.test(country) ? { country } : {}),
          share,
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const top = result?.candidates[0];
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('rw_title')}</h1>
        <p>{t('rw_intro')}</p>
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <label>
            {t('file_names')}
            <textarea
              name="file_names"
              rows={3}
              value={files}
              onChange={(e) => {
                setFiles(e.target.value);
              }}
            />
          </label>
          <label>
            {t('note_name')}
            <input
              name="note_name"
              value={noteName}
              onChange={(e) => {
                setNoteName(e.target.value);
              }}
            />
          </label>
          <label>
            {t('note_text')}
            <textarea
              name="note_text"
              rows={6}
              value={noteText}
              onChange={(e) => {
                setNoteText(e.target.value);
              }}
            />
          </label>
          <label>
            {t('note_file')}
            <input
              type="file"
              name="note_file"
              accept=".txt,.html,.htm,.hta,text/*"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f === undefined) return;
                if (noteName.trim() === '') setNoteName(f.name);
                void f
                  .slice(0, 100_000)
                  .text()
                  .then((text) => {
                    setNoteText(text);
                  });
              }}
            />
          </label>
          <label>
            {t('contacts')}
            <textarea
              name="contacts"
              rows={2}
              value={contacts}
              onChange={(e) => {
                setContacts(e.target.value);
              }}
            />
          </label>
          <label>
            {t('marker_file')}
            <input
              type="file"
              name="marker_file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f === undefined) return;
                if (files.trim() === '') setFiles(f.name);
                void firstBytesHex(f).then((hex) => {
                  setMarker(hex === '' ? undefined : hex);
                });
              }}
            />
          </label>
          {marker !== undefined && <p className="muted mono">{t('marker_read', { hex: marker })}</p>}
          <label>
            {t('country')}
            <input
              name="country"
              value={country}
              maxLength={2}
              autoComplete="country"
              onChange={(e) => {
                setCountry(e.target.value.toUpperCase());
              }}
            />
          </label>
          <label>
            <input
              type="checkbox"
              name="share"
              checked={share}
              onChange={(e) => {
                setShare(e.target.checked);
              }}
            />{' '}
            {t('share')}
          </label>
          <button type="submit" disabled={busy}>
            {busy ? t('working') : t('identify')}
          </button>
        </form>
      </section>
      {error !== undefined && (
        <p className="error" role="alert">
          {t('error', { message: error })}
        </p>
      )}
      {result !== undefined && (
        <section className="card" aria-live="polite" aria-labelledby="rw-result">
          <h2 id="rw-result">{t('results')}</h2>
          <p>
            <strong>
              {result.status === 'identified' && top !== undefined
                ? t('identified', { family: top.family })
                : result.candidates.length === 0
                  ? t('none')
                  : t('not_identified')}
            </strong>
          </p>
          {result.share_id !== undefined && <p className="ok">{t('shared', { id: result.share_id })}</p>}
          {result.candidates.length > 0 && (
            <>
              <p className="muted small-text">{t('reasons_lang')}</p>
              <ol className="results">
                {result.candidates.map((c) => (
                  <li key={c.galaxy_uuid}>
                    <strong>{c.family}</strong> —{' '}
                    {t('confidence', { pct: String(Math.round(c.confidence * 100)) })}
                    <ul>
                      {c.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                    {c.decryptor !== null ? (
                      <p>
                        <a href={c.decryptor.url} rel="noopener noreferrer">
                          {t('decryptor', { tool: c.decryptor.tool, provider: c.decryptor.provider })}
                        </a>
                        {c.decryptor.note === undefined ? '' : ` (${c.decryptor.note})`}
                      </p>
                    ) : (
                      <p className="muted">{t('no_decryptor')}</p>
                    )}
                  </li>
                ))}
              </ol>
            </>
          )}
          <h2>{t('advice')}</h2>
          <ul>
            {result.advice.general.map((a) => (
              <li key={a.key}>{t(a.key as MessageKey)}</li>
            ))}
          </ul>
          {result.advice.reporting_contact !== null && (
            <p>
              <a href={result.advice.reporting_contact.url} rel="noopener noreferrer">
                {t('report_to', { name: result.advice.reporting_contact.name })}
              </a>
            </p>
          )}
        </section>
      )}
    </div>
  );
}
