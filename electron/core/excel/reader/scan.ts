/**
 * A scanner of plain XML, as Excel, WPS, LibreOffice, openpyxl and ExcelJS write a sheet's
 * parts: tags, attributes, text, the five entities and character references. It gives the
 * events saxes gives (an element opened with its attributes, text, an element closed) at a
 * fraction of its cost: saxes reads a year's sheet character by character through a state
 * machine (most of a 100,000-row read, issue 18); this takes a tag at a time with indexOf.
 *
 * Anything else (a comment, CDATA, a DOCTYPE and its entities, a processing instruction past
 * the start, a name or character XML forbids, tags that do not match) is not guessed at: the
 * scanner throws `NotPlain`, and the part is read again from its start by saxes, which reads
 * it or refuses it as before. So a file is read as saxes reads it, or refused as saxes refuses it.
 * Plain erasable TypeScript: the reader's worker loads it as it is (stream.ts).
 */

/** An element as opened: its attributes, as written (entities replaced, white space as XML normalises it). */
export interface Tag {
  name: string;
  attributes: Record<string, string>;
}

export interface Events {
  /** `name`: without its namespace prefix (some programs write x:c for c). */
  open?: (tag: Tag, name: string) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

/** Something in the XML the scanner leaves to saxes. */
export class NotPlain extends Error {}

/** Text carried over longer than this (a text or tag not ended in 1 MB) is left to saxes. */
const MAX_CARRY = 1 << 20;

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Characters in text that need more than a copy: an entity, a carriage return, ]]>, and what XML forbids. */
const SPECIAL_TEXT = /[&\r\]\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A character reference's code point, if XML allows it. */
function referenced(ref: string): string {
  const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  const ok = /^#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7})$/.test(ref) && (code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff));
  if (!ok) throw new NotPlain(`reference &${ref};`);
  return String.fromCodePoint(code);
}

/** Text or an attribute's value with its entities replaced; literal carriage returns as XML reads them (`inAttribute`: white space as a space). */
function unescaped(raw: string, inAttribute: boolean): string {
  if (FORBIDDEN.test(raw)) throw new NotPlain('character');
  if (!inAttribute && raw.includes(']]>')) throw new NotPlain(']]>');
  let s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (inAttribute) s = s.replace(/[\t\n]/g, ' ');
  if (!s.includes('&')) return s;
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp !== -1; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp);
    if (semi === -1 || semi - amp > 12) throw new NotPlain('entity');
    const ref = s.slice(amp + 1, semi);
    out += s.slice(from, amp) + (ref[0] === '#' ? referenced(ref) : (NAMED[ref] ?? notPlain(`entity &${ref};`)));
    from = semi + 1;
  }
  return out + s.slice(from);
}

function notPlain(what: string): never {
  throw new NotPlain(what);
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** Where a name starting at `from` ends. The scanner vouches for ASCII names only (letters, digits, _:-.); the rest it leaves to saxes. */
function nameEnd(s: string, from: number): number {
  let i = from;
  const first = s.charCodeAt(i);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95 || first === 58)) throw new NotPlain('name');
  for (i++; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46) continue;
    if (c >= 0x80) throw new NotPlain('name');
    break;
  }
  return i;
}

/** The XML declaration as the programs write it (version 1.0); any other is left to saxes, which checks it. */
const DECLARATION = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>$/;

/** Where `s` runs out before what was asked for is complete: the rest waits for the next piece. */
const MORE = -1;

/**
 * Parses the tag opening at `lt` (`<name …>` or `<name …/>`) and tells it; the index after it,
 * or MORE when the piece ends inside it.
 */
function openTag(s: string, lt: number, stack: string[], on: Events, root: { seen: boolean }): number {
  const end = nameEnd(s, lt + 1);
  if (end >= s.length) return MORE;
  const name = s.slice(lt + 1, end);
  const attributes: Record<string, string> = {};
  let i = end;
  for (;;) {
    const before = i;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return MORE;
    const c = s.charCodeAt(i);
    if (c === 62 /* > */ || c === 47 /* / */) {
      const selfClosing = c === 47;
      if (selfClosing && i + 1 >= s.length) return MORE;
      if (selfClosing && s.charCodeAt(i + 1) !== 62) throw new NotPlain('/');
      if (stack.length === 0 && root.seen) throw new NotPlain('second root');
      root.seen = true;
      on.open?.({ name, attributes }, local(name));
      if (selfClosing) on.close?.(local(name));
      else stack.push(name);
      return i + (selfClosing ? 2 : 1);
    }
    // An attribute: white space before it, name = "value" (or 'value').
    if (i === before) throw new NotPlain('attribute');
    const nameTo = nameEnd(s, i);
    const attribute = s.slice(i, nameTo);
    i = nameTo;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return MORE;
    if (s.charCodeAt(i) !== 61 /* = */) throw new NotPlain('=');
    i++;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) return MORE;
    const quote = s.charCodeAt(i);
    if (quote !== 34 && quote !== 39) throw new NotPlain('quote');
    const close = s.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close === -1) return MORE;
    let value = s.slice(i + 1, close);
    if (value.includes('<')) throw new NotPlain('< in a value');
    if (SPECIAL_TEXT.test(value) || value.includes('\t') || value.includes('\n')) value = unescaped(value, true);
    if (Object.hasOwn(attributes, attribute) || attribute === '__proto__') throw new NotPlain('attribute twice');
    attributes[attribute] = value;
    i = close + 1;
  }
}

/** A scanner fed decoded pieces of one part; `end` when the part is read. */
export function scanner(on: Events): { write(piece: string): void; end(): void } {
  const stack: string[] = [];
  const root = { seen: false };
  let rest = '';
  let started = false;

  const text = (raw: string) => {
    if (stack.length === 0) {
      // Outside the root only white space is plain.
      if (!/^[ \t\r\n]*$/.test(raw)) throw new NotPlain('text outside the root');
      return;
    }
    on.text?.(SPECIAL_TEXT.test(raw) ? unescaped(raw, false) : raw);
  };

  return {
    write(piece) {
      const s = rest ? rest + piece : piece;
      rest = '';
      let p = 0;
      if (!started) {
        started = true;
        // The XML declaration, if any, is the one processing instruction read here.
        if (s.startsWith('<?')) {
          const q = s.indexOf('?>');
          if (q === -1) {
            if (s.length > MAX_CARRY) throw new NotPlain('declaration');
            started = false;
            rest = s;
            return;
          }
          if (!DECLARATION.test(s.slice(0, q + 2))) throw new NotPlain('declaration');
          p = q + 2;
        }
      }
      while (p < s.length) {
        const lt = s.indexOf('<', p);
        if (lt === -1) {
          // Text the next piece may go on with (an entity, a carriage return and its line feed).
          rest = s.slice(p);
          break;
        }
        if (lt > p) text(s.slice(p, lt));
        if (lt + 1 >= s.length) {
          rest = s.slice(lt);
          break;
        }
        const c = s.charCodeAt(lt + 1);
        let next: number;
        if (c === 47 /* / */) {
          const gt = s.indexOf('>', lt + 2);
          if (gt === -1) next = MORE;
          else {
            let nameTo = gt;
            while (isSpace(s.charCodeAt(nameTo - 1))) nameTo--;
            const name = s.slice(lt + 2, nameTo);
            if (stack.length === 0 || stack[stack.length - 1] !== name) throw new NotPlain(`</${name}>`);
            stack.pop();
            on.close?.(local(name));
            next = gt + 1;
          }
        } else if (c === 33 /* ! */ || c === 63 /* ? */) throw new NotPlain('comment, CDATA, DOCTYPE or processing instruction');
        else next = openTag(s, lt, stack, on, root);
        if (next === MORE) {
          rest = s.slice(lt);
          break;
        }
        p = next;
      }
      if (rest.length > MAX_CARRY) throw new NotPlain('long text');
    },
    end() {
      if (rest.startsWith('<')) throw new NotPlain('a tag not ended');
      if (rest) text(rest);
      if (stack.length || !root.seen) throw new NotPlain('not ended');
    },
  };
}
