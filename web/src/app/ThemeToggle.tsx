import { useEffect, useState } from 'react';
import { applyTheme, initialTheme } from './theme.js';
import type { Theme } from './theme.js';

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    applyTheme(theme);
  }, [theme]);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="ghost"
      onClick={() => {
        setTheme(next);
      }}
      aria-label={`Switch to ${next} theme`}
    >
      {theme === 'dark' ? '☀' : '☾'}
    </button>
  );
}
