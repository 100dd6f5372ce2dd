/**
 * A CSS string: quotes, backslashes and line breaks escaped, so that a URL cannot end the `url()` it stands in
 * (`url(${cssString(href)})`).
 */
export function cssString(text: string): string {
  return `"${text.replace(/["\\\n\r\f]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}
