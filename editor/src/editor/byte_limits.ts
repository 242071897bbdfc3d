// The length limits the collector checks, for the fields the editor checks
// before sending (a dialog's name or note): the guide codec's
// (sdk/guide/guide.h, ui_text.h, markdown.h) and the admin API's. They are
// UTF-8 bytes, not characters: "é" takes 2, "日" 3, an emoji 4, so a
// 256-character name in Japanese is 768 bytes and the codec refuses it. A
// check in characters (maxlength, String.length) passed such a name, and the
// guide failed at its first save. tests/editor/byte_limits.test.mjs compares
// these numbers with the C++ constants.
export const MAX_GUIDE_NAME_BYTES = 256;      // guide::kMaxNameBytes
export const MAX_UI_TEXT_BYTES = 128;         // guide::kMaxUiTextBytes
export const MAX_MARKDOWN_BYTES = 16 * 1024;  // guide::kMaxMarkdownBytes: the SDK renders no more
export const MAX_PUBLISH_NOTE_BYTES = 1000;   // kMaxNoteBytes (collector/admin/admin_api.cpp)

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

// The longest start of `text` that fits in `max` UTF-8 bytes, never cutting a
// character in two (the SDK cuts markdown the same way).
export function cutToBytes(text: string, max: number): string {
  if (text.length <= max / 3 || utf8Bytes(text) <= max) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (bytes + size > max) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

// Why `text` is too long for a field of `max` bytes, in the editor's words,
// or '' when it fits.
export function tooLongProblem(text: string, max: number): string {
  const bytes = utf8Bytes(text);
  if (bytes <= max) return '';
  return bytes === text.length
    ? `Too long: ${bytes} characters, at most ${max}.`
    : `Too long: ${bytes} bytes, at most ${max} (letters beyond English take 2 to 4 bytes each).`;
}
