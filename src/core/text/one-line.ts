/**
 * A name (a file name, a department) as one safe line for a comment, a header or a log: line breaks, tabs and other
 * control characters become visible escapes (`\n`, `\u2028`), so a file called "a\nmanagement: …" cannot add lines —
 * or keys — to the file it is written into.
 */
export function oneLine(name: string): string {
  // C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
