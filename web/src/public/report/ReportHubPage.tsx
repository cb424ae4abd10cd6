import { Link } from '@tanstack/react-router';
import { useT } from '../PublicLayout.js';
import { IntakeFiguresLine } from './IntakeFiguresLine.js';

/** The three ways to report, with the week's figures. */
export function ReportHubPage() {
  const { t } = useT();
  return (
    <section className="card">
      <h1>{t('rep_title')}</h1>
      <p>{t('rep_intro')}</p>
      <IntakeFiguresLine />
      <ul className="choices">
        <li>
          <Link to="/public/report/email">{t('rep_email')}</Link>
        </li>
        <li>
          <Link to="/public/report/sms">{t('rep_sms')}</Link>
        </li>
        <li>
          <Link to="/public/report/url">{t('rep_url')}</Link>
        </li>
      </ul>
    </section>
  );
}
