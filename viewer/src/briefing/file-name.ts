/** A briefing's file name from its subject: lower case letters, digits and hyphens, then `.md`. */
export function briefingFileName(subject: string): string {
  const slug = subject
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'briefing'}.md`;
}
