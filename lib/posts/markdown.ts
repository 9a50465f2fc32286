import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Comment Markdown → safe HTML, the same function on the server (page render, socket
 * payloads) and in the browser (the optimistic copy of a comment being sent).
 *
 * Two layers, so that a bug in one is not an XSS: markdown-it with raw HTML off escapes
 * every tag a member types and refuses dangerous link schemes; sanitize-html then keeps
 * only the tags and attributes comments need, and links only to http(s) and mailto.
 */
const markdown = new MarkdownIt("default", { html: false, linkify: true, breaks: true, typographer: false })
  // Comments are conversation, not documents: no images (tracking pixels), headings or tables.
  .disable(["image", "heading", "lheading", "table"]);

const allowedHref = /^(?:https?:\/\/|mailto:)/i;
markdown.validateLink = (url) => allowedHref.test(url.trim());

export const linkRel = "nofollow ugc noopener";

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "em",
    "strong",
    "s",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
  ],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (_tagName, attribs) => {
      const href = attribs.href?.trim();
      const safe: sanitizeHtml.Attributes = href && allowedHref.test(href) ? { href } : {};
      return { tagName: "a", attribs: { ...safe, rel: linkRel } };
    },
  },
};

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), sanitizeOptions).trim();
}
