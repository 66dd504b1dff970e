/** Hands a downloaded file to the browser's save dialog. */
export function saveFile(content: Blob, filename: string) {
  const url = URL.createObjectURL(content);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  URL.revokeObjectURL(url);
}
