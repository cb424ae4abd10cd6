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
  nav_report: 'Report a scam',
  rep_title: 'Report phishing, a scam text message or a website',
  rep_intro:
    'Received a suspicious e-mail, text message or link? Report it: the partnership’s analysts use reports to warn others and to have criminal sites taken down. Nothing is sent until you press the button.',
  rep_email: 'Report a phishing e-mail',
  rep_sms: 'Report a suspicious text message (SMS)',
  rep_url: 'Report a suspicious website',
  figures:
    'This week — reports: {reports} · web addresses reported: {urls} · passed on for action: {promoted} · web addresses taken down: {takenDown}',
  email_mode: 'How do you want to send the e-mail?',
  email_upload: 'Upload the message file (.eml)',
  email_paste: 'Paste the headers and the text',
  eml_file: 'The message file (.eml, at most 2 MB)',
  eml_help:
    'In your mail program, save the message as a file, or choose “Show original” / “View source” and save that.',
  eml_read: 'Read from {name}',
  eml_too_big: 'The file is larger than 2 MB.',
  headers: 'Headers of the message',
  headers_help: 'Choose “Show original” or “View source” and copy everything above the first empty line.',
  body: 'Text of the message',
  own_address: 'Your own e-mail address (optional; it is removed from the report)',
  sms_sender: 'Sender shown on your phone (number or name)',
  sms_text: 'Text of the message',
  url_field: 'The web address (URL)',
  comment: 'Anything to add? (optional)',
  leave_contact: 'I agree to be contacted about this report',
  contact: 'How to reach you (e-mail or phone)',
  contact_help:
    'Only if you tick the box is your contact kept with the report. Otherwise your own addresses are removed before it is stored.',
  send: 'Send the report',
  sending: 'Sending…',
  rep_thanks_title: 'Thank you: your report was received',
  rep_thanks:
    'Reference {id}. We found {values} links, addresses or attachments in it. Delete the message now and do not open its links.',
  rep_another: 'Report something else',
  rep_failed: 'Your report could not be sent: {message}',
  rep_closed: 'Reporting is not open on this portal yet. Please try again later.',
  rep_busy: 'Too many reports from your connection in a short time. Please wait a minute and try again.',
  rep_need_eml: 'Choose the message file, or paste its headers and text.',
  field_required: 'Please fill in: {field}',
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
  nav_report: 'Signaler une arnaque',
  rep_title: 'Signaler un hameçonnage, un SMS frauduleux ou un site',
  rep_intro:
    'Vous avez reçu un e-mail, un SMS ou un lien suspect ? Signalez-le : les analystes du partenariat s’en servent pour prévenir les autres et faire fermer les sites criminels. Rien n’est envoyé avant que vous appuyiez sur le bouton.',
  rep_email: 'Signaler un e-mail d’hameçonnage',
  rep_sms: 'Signaler un SMS suspect',
  rep_url: 'Signaler un site suspect',
  figures:
    'Cette semaine — signalements : {reports} · adresses web signalées : {urls} · transmis pour action : {promoted} · adresses web fermées : {takenDown}',
  email_mode: 'Comment voulez-vous envoyer l’e-mail ?',
  email_upload: 'Déposer le fichier du message (.eml)',
  email_paste: 'Coller les en-têtes et le texte',
  eml_file: 'Le fichier du message (.eml, 2 Mo au plus)',
  eml_help:
    'Dans votre messagerie, enregistrez le message comme fichier, ou choisissez « Afficher l’original » / « Code source » et enregistrez-le.',
  eml_read: 'Lu depuis {name}',
  eml_too_big: 'Le fichier dépasse 2 Mo.',
  headers: 'En-têtes du message',
  headers_help:
    'Choisissez « Afficher l’original » ou « Code source » et copiez tout ce qui précède la première ligne vide.',
  body: 'Texte du message',
  own_address: 'Votre propre adresse e-mail (facultatif ; elle est retirée du signalement)',
  sms_sender: 'Expéditeur affiché sur votre téléphone (numéro ou nom)',
  sms_text: 'Texte du message',
  url_field: 'L’adresse web (URL)',
  comment: 'Quelque chose à ajouter ? (facultatif)',
  leave_contact: 'J’accepte d’être contacté au sujet de ce signalement',
  contact: 'Comment vous joindre (e-mail ou téléphone)',
  contact_help:
    'Votre contact n’est conservé que si vous cochez la case. Sinon vos propres adresses sont retirées avant l’enregistrement.',
  send: 'Envoyer le signalement',
  sending: 'Envoi…',
  rep_thanks_title: 'Merci : votre signalement a été reçu',
  rep_thanks:
    'Référence {id}. Nous y avons trouvé {values} liens, adresses ou pièces jointes. Supprimez le message et n’ouvrez pas ses liens.',
  rep_another: 'Signaler autre chose',
  rep_failed: 'Votre signalement n’a pas pu être envoyé : {message}',
  rep_closed: 'Les signalements ne sont pas encore ouverts sur ce portail. Réessayez plus tard.',
  rep_busy: 'Trop de signalements depuis votre connexion en peu de temps. Attendez une minute et réessayez.',
  rep_need_eml: 'Choisissez le fichier du message, ou collez ses en-têtes et son texte.',
  field_required: 'Veuillez remplir : {field}',
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
  nav_report: 'Betrug melden',
  rep_title: 'Phishing, betrügerische SMS oder eine Website melden',
  rep_intro:
    'Eine verdächtige E-Mail, SMS oder ein Link? Melden Sie es: Die Analysten der Partnerschaft warnen damit andere und lassen kriminelle Seiten abschalten. Nichts wird gesendet, bevor Sie den Knopf drücken.',
  rep_email: 'Phishing-E-Mail melden',
  rep_sms: 'Verdächtige SMS melden',
  rep_url: 'Verdächtige Website melden',
  figures:
    'Diese Woche — Meldungen: {reports} · gemeldete Webadressen: {urls} · zur Bearbeitung weitergegeben: {promoted} · abgeschaltete Webadressen: {takenDown}',
  email_mode: 'Wie möchten Sie die E-Mail senden?',
  email_upload: 'Nachrichtendatei hochladen (.eml)',
  email_paste: 'Kopfzeilen und Text einfügen',
  eml_file: 'Die Nachrichtendatei (.eml, höchstens 2 MB)',
  eml_help:
    'Speichern Sie die Nachricht in Ihrem E-Mail-Programm als Datei, oder wählen Sie „Original anzeigen“ / „Quelltext“ und speichern Sie diesen.',
  eml_read: 'Gelesen aus {name}',
  eml_too_big: 'Die Datei ist größer als 2 MB.',
  headers: 'Kopfzeilen der Nachricht',
  headers_help:
    'Wählen Sie „Original anzeigen“ oder „Quelltext“ und kopieren Sie alles vor der ersten Leerzeile.',
  body: 'Text der Nachricht',
  own_address: 'Ihre eigene E-Mail-Adresse (freiwillig; sie wird aus der Meldung entfernt)',
  sms_sender: 'Absender auf Ihrem Telefon (Nummer oder Name)',
  sms_text: 'Text der Nachricht',
  url_field: 'Die Webadresse (URL)',
  comment: 'Möchten Sie etwas ergänzen? (freiwillig)',
  leave_contact: 'Ich bin einverstanden, zu dieser Meldung kontaktiert zu werden',
  contact: 'Wie wir Sie erreichen (E-Mail oder Telefon)',
  contact_help:
    'Nur wenn Sie das Kästchen ankreuzen, wird Ihr Kontakt mit der Meldung gespeichert. Sonst werden Ihre eigenen Adressen vor dem Speichern entfernt.',
  send: 'Meldung senden',
  sending: 'Wird gesendet…',
  rep_thanks_title: 'Danke: Ihre Meldung ist eingegangen',
  rep_thanks:
    'Referenz {id}. Wir haben darin {values} Links, Adressen oder Anhänge gefunden. Löschen Sie die Nachricht jetzt und öffnen Sie keine Links daraus.',
  rep_another: 'Etwas anderes melden',
  rep_failed: 'Ihre Meldung konnte nicht gesendet werden: {message}',
  rep_closed: 'Meldungen sind auf diesem Portal noch nicht geöffnet. Bitte versuchen Sie es später.',
  rep_busy: 'Zu viele Meldungen von Ihrer Verbindung in kurzer Zeit. Bitte warten Sie eine Minute.',
  rep_need_eml: 'Wählen Sie die Nachrichtendatei, oder fügen Sie Kopfzeilen und Text ein.',
  field_required: 'Bitte ausfüllen: {field}',
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
