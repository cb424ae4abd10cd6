import { Link, Outlet } from '@tanstack/react-router';
import { Suspense } from 'react';
import type { Session } from '../api/types.js';
import { isAdmin, isOrgAdmin } from '../api/use-session.js';
import { Loading } from './Loading.js';
import { SignOutButton } from './SignOutButton.js';
import { ThemeToggle } from './ThemeToggle.js';

/** The frame of every signed-in page: navigation by role, who is signed in, theme and sign-out. */
export function Layout({ session }: { session: Session }) {
  const links: [string, string][] = [
    ['/', 'Dashboard'],
    ['/search', 'Search'],
    ['/import', 'Import'],
    ['/reports', 'Reports'],
    ['/deconflict', 'Deconfliction'],
    ['/operations', 'Operations'],
    ...(session.intake_inbox ? ([['/intake', 'Intake inbox']] as [string, string][]) : []),
    ['/groups', 'Sharing groups'],
    ...(isOrgAdmin(session) ? ([['/users', 'Users & keys']] as [string, string][]) : []),
    ...(isAdmin(session)
      ? ([
          ['/organisations', 'Organisations'],
          ['/audit', 'Audit log'],
          ['/ransomware-tables', 'Ransomware tables'],
          ['/federation', 'Federation'],
        ] as [string, string][])
      : []),
  ];
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Accord</span>
        <nav aria-label="Main">
          {links.map(([to, label]) => (
            <Link
              key={to}
              to={to}
              activeOptions={{ exact: to === '/' }}
              activeProps={{ 'aria-current': 'page' }}
            >
              {label}
            </Link>
          ))}
        </nav>
        <span className="who" title={session.user.email}>
          {session.user.name} · {session.org.name}
        </span>
        <ThemeToggle />
        <SignOutButton />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
