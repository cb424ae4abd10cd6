import { useState } from 'react';
import { useT } from '../PublicLayout.js';
import { CommentField, ContactChoice, ReportFrame, useContactChoice } from './ReportParts.js';
import { useReport } from './use-report.js';

/** Report a suspicious SMS: the sender and the text. */
export function ReportSmsPage() {
  const { t } = useT();
  const report = useReport('sms');
  const choice = useContactChoice();
  const [sender, setSender] = useState('');
  const [text, setText] = useState('');
  const [comment, setComment] = useState('');
  return (
    <ReportFrame
      title={t('rep_sms')}
      report={report}
      onSubmit={() => {
        void report.send({
          sender,
          text,
          ...(comment.trim() === '' ? {} : { comment }),
          ...choice.value,
        });
      }}
    >
      <label>
        {t('sms_sender')}
        <input
          name="sender"
          required
          maxLength={64}
          autoComplete="off"
          value={sender}
          onChange={(e) => {
            setSender(e.target.value);
          }}
        />
      </label>
      <label>
        {t('sms_text')}
        <textarea
          name="text"
          required
          rows={4}
          maxLength={2000}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </label>
      <CommentField value={comment} onChange={setComment} />
      <ContactChoice choice={choice} />
    </ReportFrame>
  );
}
