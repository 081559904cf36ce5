/**
 * The one place personal numbers are masked (logs, masked exports). Each pattern keeps enough to
 * tell two records apart when reading a log (the ends) and hides the rest. Separators people type
 * (spaces, dashes, brackets around an area code) are allowed where they usually appear, and a
 * number glued to more digits is not a match (so order ids and timestamps stay as they are).
 */

/** 18-digit resident ID (last character may be X), also written in 6-8-4 groups. */
const ID_CARD = /(?<![0-9A-Za-z])(\d{3})\d{3}[ -]?\d{8}[ -]?(\d{3}[\dXx])(?![0-9A-Za-z])/g;
/** Bank cards: 16 to 19 digits, plain or in groups of four; keeps the last four. */
const BANK_CARD = /(?<![0-9A-Za-z])\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])/g;
/** Mobiles: 139…, +86 139…, 0086-139…, 86139…, with spaces or dashes as 3-4-4. */
const MOBILE = /(?<![\d+])((?:\+86|0086|86)[ -]?)?(1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)/g;
/** Landlines with an area code: 010-65521234, (0755) 8888 1234, 0571-8765432, 02165521234. */
const LANDLINE = /(?<!\d)(\(0\d{2,3}\)[ -]?|0\d{2,3}[ -]?)\d{3,4}[ -]?(\d{4})(?!\d)/g;
const SECRET_IN_URL = /((?:access_token|corpsecret|secret|appsecret|appSecret|key|ticket|sign|response_code|code)=)[^&\s"']+/g;

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_CARD, '$1***********$2')
    .replace(BANK_CARD, (card) => `****${card.replace(/\D/g, '').slice(-4)}`)
    .replace(MOBILE, (_m, prefix: string | undefined, head: string, tail: string) => `${prefix ?? ''}${head}****${tail}`)
    .replace(LANDLINE, '$1****$2')
    .replace(SECRET_IN_URL, '$1***');
}
