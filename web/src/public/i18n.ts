/** The portal's languages; English is the fallback for any message a translation lacks. */
export const LANGUAGES = { en: 'English', fr: 'Français', de: 'Deutsch' } as const;
export type Lang = keyof typeof LANGUAGES;

const en = {
  portal: 'Accord public portal',
  skip: 'Skip to content',
  language: 'Language',
  home_title: 'Help for the public',
  home_intro:
    'Identify ransomware and find a free decryptor, and get advice on what to do. You need no account, and nothing you enter is kept unless you choose to share it.',
  nav_ransomware: 'Identify ransomware',
  nav_home: 'Home',
  rw_title: 'Identify ransomware',
  rw_intro:
    'Tell us what you see. Everything stays in your browser except the text fields below, which are sent for identification only; a file you pick is read here, and only its first bytes are sent, as hex.',
  file_names: 'Names of encrypted files, or their new extension (one per line)',
  note_name: 'File name of the ransom note',
  note_text: 'Text of the ransom note',
  note_file: 'Or read the note from a file',
  contacts: 'E-mail addresses, Bitcoin or Monero addresses, onion links from the note (one per line)',
  marker_file: 'An encrypted file (only its first 32 bytes are read, in your browser)',
  marker_read: 'First bytes read: {hex}',
  country: 'Your country (two letters, e.g. FR), to show where to report',
  share: 'Share this with investigators (otherwise nothing is stored or logged)',
  identify: 'Identify',
  working: 'Identifying…',
  results: 'Result',
  identified: 'Identified: {family}',
  not_identified:
    'Not identified. The evidence is too weak to name one family with confidence; possible candidates are listed below. Do not rely on them alone.',
  none: 'Nothing you entered points at a known family.',
  confidence: 'confidence {pct} %',
  decryptor: 'Free decryptor: {tool} by {provider}',
  no_decryptor:
    'No free decryptor is known for this family today. Keep the encrypted files: one may appear later.',
  advice: 'What to do now',
  do_not_pay:
    'Do not pay the ransom: payment funds the criminals, and many who pay never get their files back.',
  isolate: 'Disconnect the affected machines from the network (cable and Wi-Fi) to stop the spread.',
  keep_files:
    'Keep the encrypted files and the ransom note: a free decryptor may appear later, and investigators need the note.',
  report: 'Report the attack to the police.',
  restore_backups:
    'Restore from offline backups only after the machine is cleaned, and change its passwords.',
  check_decryptor: 'Check No More Ransom (nomoreransom.org) for a free decryptor.',
  report_to: 'Report it to: {name}',
  shared: 'Thank you: your submission was shared with investigators (reference {id}).',
  error: 'Something went wrong: {message}',
  reasons_lang: 'Reasons are given in English.',
  nav_advisories: 'Advisories',
  adv_title: 'Awareness advisories',
  adv_search: 'Search advisories',
  adv_none: 'No advisory matches.',
  adv_feed: 'Atom feed',
  adv_formats: 'Also as',
  adv_published: 'Published {date}',
  adv_fallback: 'This advisory is not available in your language; it is shown in English.',
  loading: 'Loading…',
};
export type MessageKey = keyof typeof en;

const fr: Partial<Record<MessageKey, string>> = {
  portal: 'Portail public Accord',
  skip: 'Aller au contenu',
  language: 'Langue',
  home_title: 'Aide au public',
  home_intro:
    "Identifiez un rançongiciel, trouvez un outil de déchiffrement gratuit et des conseils. Aucun compte n'est nécessaire, et rien de ce que vous saisissez n'est conservé sauf si vous choisissez de le partager.",
  nav_ransomware: 'Identifier un rançongiciel',
  nav_home: 'Accueil',
  rw_title: 'Identifier un rançongiciel',
  rw_intro:
    'Décrivez ce que vous voyez. Un fichier choisi est lu dans votre navigateur ; seuls ses premiers octets sont envoyés, en hexadécimal.',
  file_names: 'Noms de fichiers chiffrés, ou leur nouvelle extension (un par ligne)',
  note_name: 'Nom du fichier de la demande de rançon',
  note_text: 'Texte de la demande de rançon',
  note_file: 'Ou lire la demande depuis un fichier',
  contacts: 'Adresses e-mail, adresses Bitcoin ou Monero, liens onion de la demande (un par ligne)',
  marker_file: 'Un fichier chiffré (seuls ses 32 premiers octets sont lus, dans votre navigateur)',
  marker_read: 'Premiers octets lus : {hex}',
  country: 'Votre pays (deux lettres, ex. FR), pour savoir où porter plainte',
  share: 'Partager avec les enquêteurs (sinon rien n’est conservé ni journalisé)',
  identify: 'Identifier',
  working: 'Identification…',
  results: 'Résultat',
  identified: 'Identifié : {family}',
  not_identified:
    'Non identifié. Les éléments sont trop faibles pour nommer une famille avec confiance ; les candidats possibles sont listés ci-dessous.',
  none: 'Rien de ce que vous avez saisi ne correspond à une famille connue.',
  confidence: 'confiance {pct} %',
  decryptor: 'Outil gratuit : {tool}, par {provider}',
  no_decryptor:
    "Aucun outil gratuit n'est connu pour cette famille aujourd'hui. Gardez les fichiers chiffrés.",
  advice: 'Que faire maintenant',
  do_not_pay:
    'Ne payez pas la rançon : le paiement finance les criminels, et beaucoup ne récupèrent jamais leurs fichiers.',
  isolate: 'Débranchez les machines touchées du réseau (câble et Wi-Fi).',
  keep_files: 'Gardez les fichiers chiffrés et la demande de rançon.',
  report: "Signalez l'attaque à la police.",
  restore_backups:
    'Restaurez vos sauvegardes hors ligne seulement après nettoyage, et changez les mots de passe.',
  check_decryptor: 'Consultez No More Ransom (nomoreransom.org).',
  report_to: 'Signalez-le à : {name}',
  shared: 'Merci : votre signalement a été partagé avec les enquêteurs (référence {id}).',
  error: 'Une erreur est survenue : {message}',
  reasons_lang: 'Les raisons sont données en anglais.',
  nav_advisories: 'Alertes',
  adv_title: 'Alertes de sensibilisation',
  adv_search: 'Rechercher dans les alertes',
  adv_none: 'Aucune alerte ne correspond.',
  adv_feed: 'Flux Atom',
  adv_formats: 'Aussi en',
  adv_published: 'Publiée le {date}',
  adv_fallback: "Cette alerte n'existe pas dans votre langue ; elle est affichée en anglais.",
  loading: 'Chargement…',
};

const de: Partial<Record<MessageKey, string>> = {
  portal: 'Accord – öffentliches Portal',
  skip: 'Zum Inhalt springen',
  language: 'Sprache',
  home_title: 'Hilfe für die Öffentlichkeit',
  home_intro:
    'Ransomware erkennen, ein kostenloses Entschlüsselungswerkzeug finden und Rat bekommen. Sie brauchen kein Konto; nichts wird gespeichert, außer Sie teilen es.',
  nav_ransomware: 'Ransomware erkennen',
  nav_home: 'Start',
  rw_title: 'Ransomware erkennen',
  file_names: 'Namen verschlüsselter Dateien oder ihre neue Endung (eine pro Zeile)',
  note_name: 'Dateiname der Erpressernachricht',
  note_text: 'Text der Erpressernachricht',
  note_file: 'Oder die Nachricht aus einer Datei lesen',
  contacts: 'E-Mail-Adressen, Bitcoin- oder Monero-Adressen, Onion-Links aus der Nachricht (eine pro Zeile)',
  marker_file: 'Eine verschlüsselte Datei (nur die ersten 32 Bytes werden im Browser gelesen)',
  country: 'Ihr Land (zwei Buchstaben, z. B. DE), um die Meldestelle zu nennen',
  share: 'Mit den Ermittlern teilen (sonst wird nichts gespeichert oder protokolliert)',
  identify: 'Erkennen',
  working: 'Wird erkannt…',
  results: 'Ergebnis',
  identified: 'Erkannt: {family}',
  not_identified:
    'Nicht erkannt. Die Hinweise reichen nicht, um eine Familie sicher zu benennen; mögliche Kandidaten stehen unten.',
  none: 'Nichts deutet auf eine bekannte Familie hin.',
  confidence: 'Sicherheit {pct} %',
  decryptor: 'Kostenloses Werkzeug: {tool} von {provider}',
  no_decryptor:
    'Für diese Familie ist derzeit kein kostenloses Werkzeug bekannt. Bewahren Sie die Dateien auf.',
  advice: 'Was jetzt zu tun ist',
  do_not_pay: 'Zahlen Sie kein Lösegeld.',
  isolate: 'Trennen Sie betroffene Rechner vom Netz (Kabel und WLAN).',
  keep_files: 'Bewahren Sie die verschlüsselten Dateien und die Nachricht auf.',
  report: 'Erstatten Sie Anzeige bei der Polizei.',
  restore_backups:
    'Spielen Sie Offline-Sicherungen erst nach der Bereinigung zurück und ändern Sie Passwörter.',
  check_decryptor: 'Prüfen Sie No More Ransom (nomoreransom.org).',
  report_to: 'Melden bei: {name}',
  shared: 'Danke: Ihre Meldung wurde mit den Ermittlern geteilt (Referenz {id}).',
  error: 'Ein Fehler ist aufgetreten: {message}',
  reasons_lang: 'Die Begründungen sind auf Englisch.',
  nav_advisories: 'Warnungen',
  adv_title: 'Warnhinweise',
  adv_search: 'Warnhinweise durchsuchen',
  adv_none: 'Kein Warnhinweis gefunden.',
  adv_feed: 'Atom-Feed',
  adv_formats: 'Auch als',
  adv_published: 'Veröffentlicht am {date}',
  adv_fallback: 'Dieser Warnhinweis liegt nicht in Ihrer Sprache vor; er wird auf Englisch gezeigt.',
  loading: 'Wird geladen…',
};

const MESSAGES: Record<Lang, Partial<Record<MessageKey, string>>> = { en, fr, de };

/** The message in `lang`, else in English, with `{name}` placeholders filled. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string> = {}): string {
  const text = MESSAGES[lang][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

/** The visitor's stored choice, else the browser's first supported language, else English. */
export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem('accord.public.lang');
    if (isLang(stored)) return stored;
  } catch {
    // Storage may be off; fall through.
  }
  for (const l of navigator.languages) {
    const base = l.slice(0, 2).toLowerCase();
    if (isLang(base)) return base;
  }
  return 'en';
}
