// Message templates: `{{ variable }}` placeholders, validated against a fixed list.
// Values are HTML-escaped in the HTML rendering, and so is the template text itself, so a
// `<script>` typed into a template or a member's name is shown as text, never run.

export const TEMPLATE_VARIABLES = [
  'first_name',
  'last_title',
  'months_since_last_view',
  'plan',
  'price',
  'offer',
  'deadline',
  'keep_link',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateVars = Record<TemplateVariable, string>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;

/** Names used in the template that are not known variables (empty when the template is valid). */
export function unknownVariables(template: string): string[] {
  const known = new Set<string>(TEMPLATE_VARIABLES);
  const unknown = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) if (!known.has(m[1]!)) unknown.add(m[1]!);
  return [...unknown];
}

/**
 * Where a placeholder is opened and never closed ("Pay {{price by…"), as the text from the "{{"
 * on, or null. A lone "{{" would otherwise be sent to members as it stands.
 */
export function unclosedPlaceholder(template: string): string | null {
  const stripped = template.replace(PLACEHOLDER, (whole) => ' '.repeat(whole.length));
  const at = stripped.indexOf('{{');
  if (at < 0) return null;
  const rest = template.slice(at);
  return rest.length > 24 ? `${rest.slice(0, 24)}…` : rest;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Plain-text rendering (subjects, text/plain part). */
export function renderText(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? vars[name as TemplateVariable] : whole));
}

/** HTML rendering: everything escaped, line breaks kept, the keep link made a link. */
export function renderHtml(template: string, vars: TemplateVars): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    out += escapeHtml(template.slice(last, m.index));
    const name = m[1] as TemplateVariable;
    if (name === 'keep_link' && vars.keep_link) {
      const href = escapeHtml(vars.keep_link);
      out += `<a href="${href}">${href}</a>`;
    } else out += name in vars ? escapeHtml(vars[name]) : escapeHtml(m[0]);
    last = (m.index ?? 0) + m[0].length;
  }
  out += escapeHtml(template.slice(last));
  return out.replace(/\r?\n/g, '<br>\n');
}
