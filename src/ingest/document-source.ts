/** A document to read: a file on disk, or bytes that arrived another way (an upload) with the name they came with. */
export type DocumentSource = { readonly file: string } | { readonly name: string; readonly bytes: Uint8Array };

export const sourceName = (s: DocumentSource): string => ('file' in s ? s.file : s.name);
