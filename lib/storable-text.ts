const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text PostgreSQL accepts: NUL characters dropped (a text column refuses them) and lone
 * surrogates replaced (not text; JSON and jsonb refuse them). Without it a moderator's reason
 * holding "\u0000" reached the database and came back as an unexpected error (a 500).
 */
export function toStorableText(raw: string): string {
  return raw.replace(loneSurrogate, "\uFFFD").replaceAll("\u0000", "");
}
