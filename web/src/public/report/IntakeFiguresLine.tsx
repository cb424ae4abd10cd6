import { useQuery } from '@tanstack/react-query';
import { useT } from '../PublicLayout.js';
import { intakeFigures } from '../public-api.js';

/** "This week: N reports, …" from the figures endpoint (counts only); nothing when it cannot be had. */
export function IntakeFiguresLine() {
  const { t } = useT();
  const figures = useQuery({ queryKey: ['public-intake-figures'], queryFn: intakeFigures });
  if (figures.data === undefined) return null;
  const { reports, urls, promoted, takenDown } = figures.data;
  return (
    <p className="figures" data-testid="intake-figures">
      {t('figures', {
        reports: String(reports),
        urls: String(urls),
        promoted: String(promoted),
        takenDown: String(takenDown),
      })}
    </p>
  );
}
