// text stage: full-width digits and letters to ASCII, one character for one, so offsets stay valid.

/** Maps ０-９, Ａ-Ｚ, ａ-ｚ and the full-width space to ASCII; every other character is kept. Same length. */
export function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
