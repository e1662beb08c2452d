import { applyLocale } from './i18n/locale';
import { loadSettings } from './store/settings';

// The language is set before the shell loads, so the first paint is already in it.
const settings = await loadSettings().catch(() => ({ language: '' }));
await applyLocale(settings.language).catch(() => applyLocale('en'));
await import('./app/dc-app');
