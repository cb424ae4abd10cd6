import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../PublicLayout.js';
import type { ReportAccepted } from '../public-api.js';
import type { ReportFailure } from './use-report.js';

/** The optional "leave a contact" choice: the contact field exists only once the box is ticked. */
export function useContactChoice() {
  const [wanted, setWanted] = useState(false);
  const [contact, setContact] = useState('');
  const value = wanted && contact.trim() !== '' ? { contact: contact.trim() } : {};
  return { wanted, setWanted, contact, setContact, value };
}

export function ContactChoice({ choice }: { choice: ReturnType<typeof useContactChoice> }) {
  const { t } = useT();
  return (
    <fieldset className="stack">
      <legend className="sr-only">{t('leave_contact')}</legend>
      <label className="check">
        <input
          type="checkbox"
          name="leave_contact"
          checked={choice.wanted}
          aria-describedby="contact-help"
          onChange={(e) => {
            choice.setWanted(e.target.checked);
          }}
        />{' '}
        {t('leave_contact')}
      </label>
      <p id="contact-help" className="muted small-text">
        {t('contact_help')}
      </p>
      {choice.wanted && (
        <label>
          {t('contact')}
          <input
            name="contact"
            required
            minLength={3}
            maxLength={200}
            autoComplete="email"
            value={choice.contact}
            onChange={(e) => {
              choice.setContact(e.target.value);
            }}
          />
        </label>
      )}
    </fieldset>
  );
}

export function CommentField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useT();
  return (
    <label>
      {t('comment')}
      <textarea
        name="comment"
        rows={2}
        maxLength={2000}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </label>
  );
}

/** The receipt after a report was accepted; focus moves to it so screen readers announce it. */
export function ReportConfirmation({ done }: { done: ReportAccepted }) {
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="card" role="status" aria-labelledby="rep-thanks">
      <h2 id="rep-thanks" tabIndex={-1} ref={heading}>
        {t('rep_thanks_title')}
      </h2>
      <p>{t('rep_thanks', { id: done.id, values: String(done.values) })}</p>
      <p>
        <Link to="/public/report">{t('rep_another')}</Link>
      </p>
    </section>
  );
}

export function ReportFailureNote({ failure }: { failure: ReportFailure | undefined }) {
  const { t } = useT();
  if (failure === undefined) return null;
  return (
    <p className="error" role="alert">
      {t(failure.key, { message: failure.message ?? '' })}
    </p>
  );
}

/** The frame every report form shares: title, the form until it was sent, then the receipt. */
export function ReportFrame({
  title,
  intro,
  report,
  onSubmit,
  children,
}: {
  title: string;
  intro?: string;
  report: { busy: boolean; done: ReportAccepted | undefined; failure: ReportFailure | undefined };
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useT();
  if (report.done !== undefined) return <ReportConfirmation done={report.done} />;
  return (
    <section className="card">
      <h1>{title}</h1>
      {intro !== undefined && <p>{intro}</p>}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <ReportFailureNote failure={report.failure} />
        <button type="submit" disabled={report.busy}>
          {report.busy ? t('sending') : t('send')}
        </button>
      </form>
    </section>
  );
}
