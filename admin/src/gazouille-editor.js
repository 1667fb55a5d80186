// The gazouille side of the web editor, bundled by `npm run build` into
// build/editor/gazouille-editor.js (esbuild; no network at run time):
// - the "gazouille" file format: front matter in the order a person writes it,
//   no empty keys, the body verbatim (`---` lines make a thread);
// - the preview: each thread part as X shows it, counted by twitter-text;
// - the local back end: on localhost, decap-server behind the same origin.
import twitterText from 'twitter-text';
import YAML from 'yaml';

export const MAX_WEIGHTED_LENGTH = 280;

// The key order of a hand-written post (README's example); unknown keys follow.
const KEY_ORDER = [
  'category',
  'publish_at',
  'expires_at',
  'reply_settings',
  'media',
  'authorization',
  'retract',
  'lang',
];
const SUB_ORDER = { media: ['file', 'alt'], authorization: ['reference', 'allows'] };
// Editor-only fields: the slug words and the body are not front-matter keys.
const NOT_FRONT_MATTER = new Set(['title', 'body']);
const THREAD_SEPARATOR = /^---[ \t]*$/m;

export function weightedLength(text) {
  return twitterText.parseTweet(text).weightedLength;
}

// Same cut as gazouille.posts.split_parts: `---` lines, each part trimmed, empty parts dropped.
export function threadParts(body) {
  return String(body || '')
    .split(new RegExp(THREAD_SEPARATOR.source, 'gm'))
    .map(part => part.trim())
    .filter(part => part.length > 0);
}

export function countParts(body) {
  return threadParts(body).map(text => {
    const weighted = weightedLength(text);
    return { text, weighted, over: Math.max(0, weighted - MAX_WEIGHTED_LENGTH) };
  });
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pad(number) {
  return String(number).padStart(2, '0');
}

// A Date (should a widget give one) as the naive wall-clock time check reads in the account's zone.
function wallClock(date) {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

function isEmpty(value) {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0) ||
    (isPlainObject(value) && Object.keys(value).length === 0)
  );
}

function ordered(object, order) {
  const keys = [...order.filter(key => key in object), ...Object.keys(object).filter(key => !order.includes(key))];
  return Object.fromEntries(keys.map(key => [key, object[key]]));
}

// Drops empty values at every depth (an unfilled optional field writes nothing).
function clean(value, order = []) {
  if (value instanceof Date) return wallClock(value);
  if (Array.isArray(value)) {
    return value.map(item => clean(item, order)).filter(item => !isEmpty(item));
  }
  if (isPlainObject(value)) {
    const kept = {};
    for (const [key, item] of Object.entries(ordered(value, order))) {
      const cleaned = clean(item, SUB_ORDER[key] || []);
      if (!isEmpty(cleaned)) kept[key] = cleaned;
    }
    return kept;
  }
  return value;
}

export function toFile(data) {
  const meta = {};
  for (const [key, value] of Object.entries(data || {})) {
    if (!NOT_FRONT_MATTER.has(key)) meta[key] = value;
  }
  const front = clean(meta, KEY_ORDER);
  // YAML 1.1, as PyYAML reads it: `no`, `on`, `2026-12-03 08:00:00` stay strings.
  const yaml = YAML.stringify(front, { version: '1.1', lineWidth: 0 });
  const body = String((data && data.body) || '').replace(/\r\n/g, '\n').trim();
  return `---\n${yaml}---\n${body}\n`;
}

function titleFrom(body) {
  const words = threadParts(body).join(' ').split(/\s+/).filter(Boolean).slice(0, 6);
  return words.join(' ') || 'publication';
}

export function fromFile(content) {
  const text = String(content || '').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const open = /^---[ \t]*\n/.exec(text);
  let meta = {};
  let body = text;
  if (open) {
    const rest = text.slice(open[0].length);
    const close = /^---[ \t]*(?:\n|$)/m.exec(rest);
    if (close) {
      const parsed = YAML.parse(rest.slice(0, close.index), { version: '1.1' });
      meta = isPlainObject(parsed) ? parsed : {};
      body = rest.slice(close.index + close[0].length);
    }
  }
  // The slug words matter only when a post is created; an existing file keeps its name.
  return { title: titleFrom(body), ...meta, body: body.replace(/\n+$/, '') };
}

// --- The preview -----------------------------------------------------------

const REPLIES = {
  everyone: 'tout le monde',
  following: 'les comptes suivis par le compte',
  mentionedUsers: 'seulement les comptes mentionnés',
};

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;

// "mercredi 3 décembre 2026 à 08:00" for a naive time of the account's zone.
export function scheduleInWords(value, timezone) {
  const match = WALL_CLOCK.exec(String(value || ''));
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number);
  const moment = new Date(Date.UTC(year, month - 1, day, hour, minute));
  const date = new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(moment);
  const zone = timezone === 'Europe/Paris' ? 'heure de Paris' : `heure de ${timezone}`;
  return `${date} à ${pad(hour)}:${pad(minute)} (${zone})`;
}

const CHECK_REMINDER = [
  'la longueur de chaque partie (280 au plus, comptée comme X) ;',
  'les règles de la catégorie (autorisation du parquet, éléments attendus) ;',
  'les données personnelles : noms, mineurs, téléphones, plaques, adresses, dates de naissance… ;',
  'les images : format, taille, texte alternatif, aucune métadonnée ;',
  'la date de publication et, à la fusion, l\u2019approbation des relecteurs.',
];

function get(map, key) {
  return map && typeof map.get === 'function' ? map.get(key) : undefined;
}

function toJS(value) {
  return value && typeof value.toJS === 'function' ? value.toJS() : value;
}

// `accounts`: each collection's `gazouille` block of config.yml (name, handle, time zone).
export function makePreview(h, accounts) {
  return function GazouillePreview({ entry, collection, getAsset }) {
    const data = get(entry, 'data');
    const account = accounts[get(collection, 'name') || get(entry, 'collection')] || {};
    const parts = countParts(get(data, 'body'));
    const media = (toJS(get(data, 'media')) || []).filter(Boolean);
    const publishAt = get(data, 'publish_at');
    const expiresAt = get(data, 'expires_at');
    const replies = get(data, 'reply_settings');
    const when = scheduleInWords(publishAt, account.timezone || 'Europe/Paris');
    const until = scheduleInWords(expiresAt, account.timezone || 'Europe/Paris');
    const replyText = replies
      ? REPLIES[replies] || replies
      : `${REPLIES[account.reply_settings] || 'réglage du compte'} (réglage du compte)`;
    const images = media.map((item, index) =>
      h(
        'figure',
        { key: `m${index}`, className: 'gz-media' },
        item.file ? h('img', { src: String(getAsset(item.file)), alt: item.alt || '' }) : null,
        h(
          'figcaption',
          { className: item.alt ? 'gz-alt' : 'gz-alt gz-missing' },
          item.alt ? `Texte alternatif : ${item.alt}` : 'Texte alternatif manquant : décrivez l\u2019image.',
        ),
      ),
    );
    const cards = parts.map((part, index) =>
      h(
        'article',
        { key: `p${index}`, className: part.over ? 'gz-card gz-over' : 'gz-card', 'data-gz-part': index + 1 },
        h(
          'header',
          null,
          h('strong', null, account.name || ''),
          ' ',
          h('span', { className: 'gz-handle' }, account.x_username ? `@${account.x_username}` : ''),
          parts.length > 1 ? h('span', { className: 'gz-index' }, ` · ${index + 1}/${parts.length}`) : null,
        ),
        h('p', { className: 'gz-text' }, part.text),
        index === 0 ? images : null,
        h(
          'p',
          { className: 'gz-count', 'data-gz-count': part.weighted },
          `${part.weighted} / ${MAX_WEIGHTED_LENGTH}`,
          part.over ? h('span', { className: 'gz-shorten' }, ` — raccourcissez de ${part.over}`) : null,
        ),
      ),
    );
    return h(
      'section',
      { className: 'gz-preview', lang: 'fr' },
      h('h2', null, 'Aperçu : la publication telle que X l\u2019affichera'),
      h(
        'p',
        { className: 'gz-schedule' },
        when ? `Publication : ${when}.` : 'Publication : dès que la demande est fusionnée (après l\u2019approbation des relecteurs).',
      ),
      until ? h('p', { className: 'gz-schedule' }, `Fin de l\u2019appel : ${until}.`) : null,
      h('p', { className: 'gz-replies' }, `Réponses : ${replyText}.`),
      parts.length
        ? cards
        : h('p', { className: 'gz-empty' }, 'Écrivez le texte dans le champ « Texte ».'),
      h(
        'aside',
        { className: 'gz-reminder' },
        h('h3', null, 'Ce que la vérification de la demande contrôlera'),
        h('ul', null, CHECK_REMINDER.map((line, index) => h('li', { key: index }, line))),
        h(
          'p',
          null,
          'Après l\u2019enregistrement, le bouton « Voir l\u2019aperçu » mène au résultat de la vérification.',
        ),
      ),
    );
  };
}

export const PREVIEW_STYLE = `
.gz-preview { font-family: system-ui, sans-serif; max-width: 36rem; margin: 1rem auto; color: #0f1419; }
.gz-preview h2 { font-size: 1.1rem; }
.gz-card { border: 1px solid #cfd9de; border-radius: 1rem; padding: .8rem 1rem; margin: .8rem 0; background: #fff; }
.gz-handle, .gz-index { color: #536471; }
.gz-text { white-space: pre-wrap; font-size: 1rem; line-height: 1.4; }
.gz-media img { max-width: 100%; border-radius: .8rem; }
.gz-alt { font-size: .85rem; color: #536471; }
.gz-missing, .gz-over .gz-count { color: #b00020; font-weight: bold; }
.gz-over { border-color: #b00020; }
.gz-count { text-align: right; font-variant-numeric: tabular-nums; color: #536471; }
.gz-reminder { margin-top: 1.5rem; font-size: .9rem; background: #f7f9f9; padding: .5rem 1rem; border-radius: .5rem; }
`;

// --- Start-up in the page ---------------------------------------------------

export async function start(window) {
  const { CMS } = window;
  CMS.registerCustomFormat('gazouille', 'md', { fromFile, toFile });
  CMS.registerPreviewStyle(PREVIEW_STYLE, { raw: true });
  const response = await window.fetch('config.yml', { cache: 'no-store' });
  const config = YAML.parse(await response.text());
  const accounts = Object.fromEntries(
    (config.collections || []).map(collection => [collection.name, collection.gazouille || {}]),
  );
  const Preview = makePreview(window.h, accounts);
  for (const collection of config.collections || []) {
    CMS.registerPreviewTemplate(collection.name, Preview);
  }
  const local = ['localhost', '127.0.0.1'].includes(window.location.hostname);
  // On this computer (`make editor`), decap-server answers behind the page's own origin.
  CMS.init(local ? { config: { local_backend: { url: new URL('/api/v1', window.location.href).href } } } : {});
}

if (typeof window !== 'undefined' && window.CMS) {
  start(window);
}
