import { useState } from 'react';
import { useT } from '../PublicLayout.js';
import { CommentField, ContactChoice, ReportFrame, useContactChoice } from './ReportParts.js';
import { useReport } from './use-report.js';

/** Report a suspicious web address. */
export function ReportUrlPage() {
  const { t } = useT();
  const report = useReport('url');
  const choice = useContactChoice();
  const [url, setUrl] = useState('');
  const [comment, setComment] = useState('');
  return (
    <ReportFrame
      title={t('rep_url')}
      report={report}
      onSubmit={() => {
        void report.send({ url, ...(comment.trim() === '' ? {} : { comment }), ...choice.value });
      }}
    >
      <label>
        {t('url_field')}
        <input
          name="url"
          required
          inputMode="url"
          maxLength={2048}
          autoComplete="off"
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
          }}
        />
      </label>
      <CommentField value={comment} onChange={setComment} />
      <ContactChoice choice={choice} />
    </ReportFrame>
  );
}
