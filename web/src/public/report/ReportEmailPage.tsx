import { useState } from 'react';
import { useT } from '../PublicLayout.js';
import { CommentField, ContactChoice, ReportFrame, useContactChoice } from './ReportParts.js';
import { useReport } from './use-report.js';

const MAX_EML_BYTES = 2 * 1024 * 1024;

/** Report a phishing e-mail: the .eml file read in the browser, or its headers and text pasted. */
export function ReportEmailPage() {
  const { t } = useT();
  const report = useReport('email');
  const choice = useContactChoice();
  const [mode, setMode] = useState<'upload' | 'paste'>('upload');
  const [eml, setEml] = useState<{ name: string; text: string } | undefined>();
  const [headers, setHeaders] = useState('');
  const [body, setBody] = useState('');
  const [own, setOwn] = useState('');
  const [comment, setComment] = useState('');

  function submit() {
    const raw =
      mode === 'upload'
        ? eml?.text
        : headers.trim() === ''
          ? undefined
          : `${headers.trim().replace(/\r?\n/g, '\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`;
    if (raw === undefined || raw.trim() === '') {
      report.fail({ key: 'rep_need_eml' });
      return;
    }
    void report.send({
      eml: raw,
      ...(own.trim() === '' ? {} : { reporter: [own.trim()] }),
      ...(comment.trim() === '' ? {} : { comment }),
      ...choice.value,
    });
  }

  return (
    <ReportFrame title={t('rep_email')} report={report} onSubmit={submit}>
      <fieldset className="stack">
        <legend>{t('email_mode')}</legend>
        {(['upload', 'paste'] as const).map((m) => (
          <label className="check" key={m}>
            <input
              type="radio"
              name="mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
              }}
            />{' '}
            {t(m === 'upload' ? 'email_upload' : 'email_paste')}
          </label>
        ))}
      </fieldset>
      {mode === 'upload' ? (
        <>
          <label>
            {t('eml_file')}
            <input
              type="file"
              name="eml_file"
              accept=".eml,message/rfc822"
              aria-describedby="eml-help"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f === undefined) return;
                if (f.size > MAX_EML_BYTES) {
                  setEml(undefined);
                  report.fail({ key: 'eml_too_big' });
                  return;
                }
                void f.text().then((text) => {
                  setEml({ name: f.name, text });
                });
              }}
            />
          </label>
          <p id="eml-help" className="muted small-text">
            {t('eml_help')}
          </p>
          {eml !== undefined && <p className="muted">{t('eml_read', { name: eml.name })}</p>}
        </>
      ) : (
        <>
          <label>
            {t('headers')}
            <textarea
              name="headers"
              rows={6}
              aria-describedby="headers-help"
              className="mono"
              value={headers}
              onChange={(e) => {
                setHeaders(e.target.value);
              }}
            />
          </label>
          <p id="headers-help" className="muted small-text">
            {t('headers_help')}
          </p>
          <label>
            {t('body')}
            <textarea
              name="body"
              rows={6}
              value={body}
              onChange={(e) => {
                setBody(e.target.value);
              }}
            />
          </label>
        </>
      )}
      <label>
        {t('own_address')}
        <input
          type="email"
          name="own_address"
          autoComplete="email"
          value={own}
          onChange={(e) => {
            setOwn(e.target.value);
          }}
        />
      </label>
      <CommentField value={comment} onChange={setComment} />
      <ContactChoice choice={choice} />
    </ReportFrame>
  );
}
