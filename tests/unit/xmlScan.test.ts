/**
 * The plain-XML scanner of the reader (electron/core/excel/reader/scan.ts) against saxes, the
 * parser it stands in for: whatever the scanner reads, saxes reads the same (the same elements,
 * attributes and text); whatever else, the scanner leaves to saxes (NotPlain). Checked on the
 * forms the programs write, split into pieces at every place, and on thousands of damaged copies.
 */
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { NotPlain, scanner } from '../../electron/core/excel/reader/scan.ts';

type Outcome = { events: string[] } | { refused: string };

/** The events as one list: an element with its attributes, its text (pieces joined), its end. */
function recorder() {
  const events: string[] = [];
  let text = '';
  const flush = () => {
    if (text) events.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  return {
    events,
    open(name: string, local: string, attributes: Record<string, string>) {
      flush();
      events.push(`open ${name} ${local} ${JSON.stringify(Object.entries(attributes))}`);
    },
    text(t: string) {
      text += t;
    },
    close(local: string) {
      flush();
      events.push(`close ${local}`);
    },
    done: flush,
  };
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

function bySaxes(xml: string): Outcome {
  const r = recorder();
  const sax = new SaxesParser();
  let depth = 0;
  sax.on('opentag', (tag) => {
    depth++;
    r.open(tag.name, local(tag.name), tag.attributes);
  });
  // Outside the root only white space is allowed; the reader's handlers never see it.
  sax.on('text', (t) => depth > 0 && r.text(t));
  sax.on('closetag', (tag) => {
    depth--;
    r.close(local(tag.name));
  });
  try {
    sax.write(xml).close();
  } catch (e) {
    return { refused: (e as Error).message };
  }
  r.done();
  return { events: r.events };
}

/** The scanner fed `xml` in pieces cut at `cuts`; null when it leaves the XML to saxes. */
function byScanner(xml: string, cuts: number[] = []): Outcome | null {
  const r = recorder();
  const scan = scanner({ open: (tag, name) => r.open(tag.name, name, tag.attributes), text: (t) => r.text(t), close: (name) => r.close(name) });
  try {
    let from = 0;
    for (const cut of [...cuts, xml.length]) {
      scan.write(xml.slice(from, cut));
      from = cut;
    }
    scan.end();
  } catch (e) {
    if (e instanceof NotPlain) return null;
    throw e;
  }
  r.done();
  return { events: r.events };
}

/** A sheet as the programs write one: a declaration, prefixes, single quotes, entities, inline text with ruby, a formula, merges, CRLF. */
const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="urn:x"><sheetData>' +
  '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" s="1" t="str"><v>党支部 &amp; 王&lt;建&gt;国&quot;&apos;</v></c>' +
  '<c r="B1" t="inlineStr"><is><t xml:space="preserve"> a&#10;b&#x4E2D; </t><rPh sb="0" eb="1"><t>x</t></rPh></is></c><c r="C1"><f>SUM(A1:B1)</f><v>3</v></c></row>\r\n' +
  "<row r='2' ht=\"18\"><x:c r=\"A2\" t='s'><x:v>0</x:v></x:c><c r=\"B2\" s=\"3\"/><c r = \"C2\" \n t=\"str\" ><v>line\r\nbreak\rx a&gt;b</v></c ></row>" +
  '<row r="3"><c r="A3" t="str"><v>tab\there</v></c><c r="B3" t="str"><v/></c><c r="C3" t="str" note="a\tb&#9;c\r\nd&amp;"><v>]</v></c></row>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>\n';

describe('the reader’s XML scanner', () => {
  it('reads the forms the programs write as saxes does, cut into two pieces anywhere', () => {
    const expected = bySaxes(SHEET);
    expect(expected).toHaveProperty('events');
    expect(byScanner(SHEET)).toEqual(expected);
    let read = 0;
    for (let cut = 0; cut <= SHEET.length; cut++) {
      const got = byScanner(SHEET, [cut]);
      // A cut inside the declaration leaves it to saxes; anywhere else the scanner reads it.
      if (got === null) expect(cut).toBeLessThan(56);
      else {
        expect(got, `cut at ${cut}`).toEqual(expected);
        read++;
      }
    }
    expect(read).toBeGreaterThan(SHEET.length - 60);
  });

  it('leaves to saxes what it does not vouch for, and never reads what saxes refuses', () => {
    const leftToSaxes = [
      '<a><!-- a comment --></a>',
      '<a><![CDATA[x < y]]></a>',
      '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
      '<a><?pi data?></a>',
      '<a>&nbsp;</a>',
      '<a>& b</a>',
      '<a>x]]>y</a>',
      '<a b="1" b="2"/>',
      '<a b="<"/>',
      '<a><b></a></b>',
      '<a></a><b/>',
      '<a>',
      'x<a/>',
      '<a>\u0001</a>',
      '<a>\uD800</a>',
      '<a>&#0;</a>',
      '<a>&#xD800;</a>',
      '<a b="1"c="2"/>',
      '<1a/>',
      '<a b/>',
      '<a/ >',
      '<é/>',
      '<?xml version="1.1"?><a/>',
      '<?xml version="1.0" encoding=""?><a/>',
    ];
    for (const xml of leftToSaxes) expect(byScanner(xml), xml).toBeNull();
  });

  it('on thousands of damaged copies: what the scanner reads, saxes reads the same', () => {
    // A fixed generator: the same copies every run.
    let seed = 20261207;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const insertions = ['<', '>', '&', ';', '"', "'", '/', '=', '!', '?', '[', ']', ' ', '\r', '\n', '\t', ':', 'a', '1', '&amp;', '&#x41;', '&#65;', '&foo;', '<!--c-->', '<![CDATA[x]]>', '\u0001', '\uD800', '\uFFFE', '</c>', '<c>', '<v>', '</v>', '<c/>', ']]>', '<?x?>', 'é', '\u3000'];
    let scanned = 0;
    let refusedBySaxes = 0;
    for (let n = 0; n < 10_000; n++) {
      let xml = SHEET;
      for (let m = 1 + random(3); m > 0; m--) {
        const at = random(xml.length + 1);
        xml = random(3) === 0 ? xml.slice(0, at) + xml.slice(at + 1 + random(3)) : xml.slice(0, at) + insertions[random(insertions.length)]! + xml.slice(at);
      }
      const cuts = [random(xml.length + 1), random(xml.length + 1)].sort((a, b) => a - b);
      const got = byScanner(xml, cuts);
      const truth = bySaxes(xml);
      if ('refused' in truth) refusedBySaxes++;
      if (got === null) continue;
      scanned++;
      expect(got, JSON.stringify(xml)).toEqual(truth);
    }
    // Both kinds were met: copies the scanner read, and copies saxes refused (which the scanner left to it).
    expect(scanned).toBeGreaterThan(1000);
    expect(refusedBySaxes).toBeGreaterThan(1000);
  });
});
