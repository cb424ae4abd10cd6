import { Link } from '@tanstack/react-router';
import { useT } from './PublicLayout.js';
import { IntakeFiguresLine } from './report/IntakeFiguresLine.js';

/** The portal's first page: what it offers, and the week's report figures. */
export function PublicHome() {
  const { t } = useT();
  return (
    <section className="card">
      <h1>{t('home_title')}</h1>
      <p>{t('home_intro')}</p>
      <ul>
        <li>
          <Link to="/public/ransomware">{t('nav_ransomware')}</Link>
        </li>
        <li>
          <Link to="/public/advisories">{t('adv_title')}</Link>
        </li>
        <li>
          <Link to="/public/report">{t('rep_title')}</Link>
        </li>
      </ul>
      <IntakeFiguresLine />
    </section>
  );
}
