/**
 * Takes secrets out of text before it is printed: the configured values themselves (in the forms
 * they take inside JSON and URLs), and anything shaped like a Slack token, a webhook URL, a
 * Discord bot token, an Authorization header or a database URL's password, configured or not,
 * since a library's error message may quote one the bot never logged itself.
 */

/** What stands in for a secret. */
const redactedMark = '[redacted]';

// Shorter values would be blanked wherever those letters happen to appear; no real secret is this short.
const shortestSecret = 6;

const secretShapes: readonly [RegExp, string][] = [
  // Slack bot, user and app-level tokens, and the refresh tokens (xoxe-) of token rotation.
  // https://docs.slack.dev/authentication/tokens https://docs.slack.dev/authentication/using-token-rotation
  [/\bxox[abposre]-[A-Za-z0-9-]+/g, `xox-${redactedMark}`],
  [/\bxapp-[A-Za-z0-9-]+/g, `xapp-${redactedMark}`],
  // Slack incoming webhooks: /services/T…/B…/secret
  [/\/services\/[A-Za-z0-9/_-]+/g, `/services/${redactedMark}`],
  // Discord webhooks: /api/webhooks/{id}/{token} (optionally /api/v10/webhooks/…)
  [/\/webhooks\/\d+\/[A-Za-z0-9._-]+/g, `/webhooks/${redactedMark}`],
  // Discord bot tokens: three base64url parts separated by dots.
  [/\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}\b/g, redactedMark],
  // An OAuth client secret in a request body the Web API client logs at debug (oauth.v2.access),
  // as JSON or as a form field; in a finished JSON line its quotes are escaped.
  [/\b(client_secret(?:\\?")?\s*[:=]\s*(?:\\?")?)[^"\\&\s]+/g, `$1${redactedMark}`],
  // Authorization headers quoted in an error.
  [/\b(Bearer|Bot|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${redactedMark}`],
  // A password inside any URL: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'\\]*:)[^\s@"'\\]+@/gi, `$1${redactedMark}@`],
];

/** Returns a function that blanks every secret in a text. */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < shortestSecret) continue;
    forms.add(secret);
    // As JSON writes it inside a string, and as a URL or form body encodes it.
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first: a webhook URL goes whole before a token inside it is blanked alone.
  const values = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let clean = text;
    for (const value of values) {
      if (clean.includes(value)) clean = clean.replaceAll(value, redactedMark);
    }
    for (const [shape, replacement] of secretShapes) clean = clean.replace(shape, replacement);
    return clean;
  };
}
