import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_DEPTH, type XmlElement, childElements, decodeEntities, decodeXml, parseXml, streamXml, textContent } from './xml.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const NS = { [W]: 'w', [W_STRICT]: 'w' };

function parse(text: string, ns: Record<string, string> = NS): XmlElement {
  const r = parseXml(text, 'test.xml', ns);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problem));
  return r.root;
}

function corruptDetail(text: string): string {
  const r = parseXml(text, 'word/document.xml');
  assert.equal(r.ok, false, `should be refused: ${text.slice(0, 60)}`);
  assert.equal(!r.ok && r.problem.code, 'xml-corrupt');
  assert.equal(!r.ok && r.problem.params['part'], 'word/document.xml');
  return String(!r.ok && r.problem.params['detail']);
}

test('elements, attributes in both quotes, text, self-closing tags, declaration and comments', () => {
  const root = parse(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- 注释 --><root a="1" b='two' c="x > y"><child/>文本<child k="v">内</child><?pi stuff?></root>`);
  assert.equal(root.name, 'root');
  assert.deepEqual({ ...root.attrs }, { a: '1', b: 'two', c: 'x > y' });
  assert.equal(childElements(root).length, 2);
  assert.deepEqual(root.children[1], '文本');
  assert.equal(textContent(root), '文本内');
});

test('entities: predefined, decimal and hex character references; unknown ones kept as written', () => {
  assert.equal(decodeEntities('&lt;&gt;&amp;&quot;&apos;'), `<>&"'`);
  assert.equal(decodeEntities('&#20013;&#x6587;&#X4E2D;&#128512;'), '中文中😀');
  assert.equal(decodeEntities('&nbsp; & &#0; &#x110000;'), '&nbsp; & \ufffd \ufffd');
  const root = parse('<a t="&amp;&#x4E2D;">&lt;b&gt; &amp;amp;</a>');
  assert.equal(root.attrs['t'], '&中');
  assert.equal(textContent(root), '<b> &amp;');
});

test('CDATA is literal; line ends are normalised; whitespace is kept', () => {
  const root = parse('<a><![CDATA[<not a tag> &amp;]]>\r\n  x\ry&#13;</a>');
  assert.equal(textContent(root), '<not a tag> &amp;\n  x\ny\r');
});

test('a DOCTYPE is skipped and its entities are not expanded (no billion laughs)', () => {
  const root = parse('<!DOCTYPE a [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>');
  assert.equal(textContent(root), '&lol2;');
});

test('namespaces: any prefix, the default namespace and Strict OOXML all map to the caller\'s prefix', () => {
  const transitional = parse(`<w:document xmlns:w="${W}"><w:body><w:p w:rsid="1"/></w:body></w:document>`);
  const other = parse(`<ns0:document xmlns:ns0="${W}"><ns0:body><ns0:p ns0:rsid="1"/></ns0:body></ns0:document>`);
  const dflt = parse(`<document xmlns="${W}"><body><p xmlns:q="${W}" q:rsid="1"/></body></document>`);
  const strict = parse(`<w:document xmlns:w="${W_STRICT}"><w:body><w:p w:rsid="1"/></w:body></w:document>`);
  for (const root of [transitional, other, dflt, strict]) {
    assert.equal(root.name, 'w:document');
    const p = childElements(childElements(root)[0] as XmlElement)[0];
    assert.equal(p?.name, 'w:p');
    assert.equal(p?.attrs['w:rsid'], '1');
  }
  // An element and an attribute with the same unprefixed name: the element is in the default namespace, the attribute in none.
  const cell = parse(`<c xmlns="${W}" t="s"><t>x</t></c>`);
  assert.equal(cell.name, 'w:c');
  assert.equal(cell.attrs['t'], 's');
  assert.equal(childElements(cell)[0]?.name, 'w:t');
  // Unknown namespaces keep the name as written; unprefixed attributes have no namespace.
  const unknown = parse('<x:a xmlns:x="urn:other" xmlns="urn:d"><b c="1"/></x:a>');
  assert.equal(unknown.name, 'x:a');
  assert.deepEqual(childElements(unknown)[0]?.attrs['c'], '1');
  // A prefix rebound in a child scope resolves to the inner binding.
  const rebound = parse(`<w:a xmlns:w="urn:other"><w:b xmlns:w="${W}"/></w:a>`);
  assert.equal(rebound.name, '{urn:other}a');
  assert.equal(childElements(rebound)[0]?.name, 'w:b');
  // A file binding "w" to another namespace cannot pass its elements off as WordprocessingML.
  assert.equal(childElements(parse('<a xmlns:w="urn:other"><w:b w:c="1"/></a>'))[0]?.name, '{urn:other}b');
  assert.equal(childElements(parse('<a xmlns:w="urn:other"><w:b w:c="1"/></a>'))[0]?.attrs['{urn:other}c'], '1');
});

test('hostile attribute names stay plain keys', () => {
  const root = parse('<a __proto__="x" constructor="y"/>');
  assert.equal(root.attrs['__proto__'], 'x');
  assert.equal(Object.getPrototypeOf(root.attrs), null);
});

test('streamXml builds only the selected subtrees and can stop early', () => {
  const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:t>一</w:t></w:p><w:tbl/><w:p><w:t>二</w:t></w:p><w:p><w:t>三</w:t></w:p></w:body></w:document>`;
  const seen: string[] = [];
  const error = streamXml(xml, 'd.xml', {
    namespaces: NS,
    select: (_name, parent) => parent === 'w:body',
    onElement: (el) => {
      seen.push(`${el.name}:${textContent(el)}`);
      return seen.length < 3;
    },
  });
  assert.equal(error, undefined);
  assert.deepEqual(seen, ['w:p:一', 'w:tbl:', 'w:p:二']);
});

test('streamXml leaves pruned elements out with all they hold, and still checks their markup', () => {
  const xml = `<w:document xmlns:w="${W}"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr><w:jc w:val="center"/><w:rPr><w:b/>粗</w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="&amp;"/><w:sz w:val="24"/></w:rPr><w:t>一</w:t></w:r></w:p></w:body></w:document>`;
  const read = (prune?: (name: string, parent: string) => boolean): XmlElement[] => {
    const out: XmlElement[] = [];
    const error = streamXml(xml, 'd.xml', { namespaces: NS, select: (_n, parent) => parent === 'w:body', onElement: (el) => void out.push(el), ...(prune ? { prune } : {}) });
    assert.equal(error, undefined);
    return out;
  };
  const names = (el: XmlElement): string[] => [el.name, ...childElements(el).flatMap(names)];
  const whole = read()[0]!;
  assert.ok(names(whole).includes('w:rFonts') && names(whole).includes('w:jc'));
  const p = read((name, parent) => name === 'w:rPr' || (parent === 'w:pPr' && name !== 'w:numPr'))[0]!;
  assert.deepEqual(names(p), ['w:p', 'w:pPr', 'w:numPr', 'w:ilvl', 'w:r', 'w:t']);
  assert.equal(textContent(p), '一', 'text inside a pruned element is not kept');
  assert.equal(childElements(childElements(childElements(p)[0]!)[0]!)[0]!.attrs['w:val'], '0', 'what is kept keeps its attributes');
  // Inside a pruned element the markup is still checked: a wrong end tag or a broken attribute is refused.
  const prune = (name: string) => name === 'w:rPr';
  for (const bad of ['<w:rPr><w:b></w:i></w:rPr>', '<w:rPr><w:b w:val=1/></w:rPr>', '<w:rPr><w:b w:val="1/></w:rPr>']) {
    const error = streamXml(`<w:document xmlns:w="${W}"><w:body><w:p>${bad}</w:p></w:body></w:document>`, 'd.xml', { namespaces: NS, select: (_n, parent) => parent === 'w:body', onElement: () => {}, prune });
    assert.equal(error?.code, 'xml-corrupt', bad);
  }
});

test('malformed XML is refused with xml-corrupt and a detail, never a throw', () => {
  assert.match(corruptDetail('<a><b></a>'), /does not match/);
  assert.match(corruptDetail('<a><b>'), /truncated/);
  assert.match(corruptDetail('<a x="1>'), /unterminated/);
  assert.match(corruptDetail('<a x=1/>'), /quotes/);
  assert.match(corruptDetail('<a><!-- never ends'), /comment/);
  assert.match(corruptDetail('<a><![CDATA[ x'), /CDATA/);
  assert.match(corruptDetail('</a>'), /unexpected/);
  assert.match(corruptDetail(''), /no root/);
  assert.match(corruptDetail('just text'), /no root/);
  assert.match(corruptDetail('<a/><b/>'), /follows the root/);
  assert.match(corruptDetail('<>'), /no name/);
  assert.match(corruptDetail('<a/><!x>'), /unrecognised/);
});

test('nesting deeper than MAX_DEPTH is refused (readers recurse)', () => {
  const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
  assert.match(corruptDetail(deep), /nested deeper/);
  const ok = '<a>'.repeat(MAX_DEPTH) + '</a>'.repeat(MAX_DEPTH);
  assert.equal(parseXml(ok, 'x').ok, true);
});

test('UTF-8 and UTF-16 parts decode', () => {
  assert.equal(decodeXml(new Uint8Array(Buffer.from('\ufeff<a>中</a>', 'utf8'))), '<a>中</a>');
  assert.equal(textContent(parse('\ufeff<a>中</a>')), '中');
  const le = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>中</a>', 'utf16le')]));
  assert.equal(decodeXml(le), '<a>中</a>');
});

test('fuzz: arbitrary text and damaged XML never throw', () => {
  const valid = `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t xml:space="preserve">部门 &amp; 预算</w:t></w:r></w:p><!-- c --><![CDATA[x]]></w:body></w:document>`;
  const check = (text: string): boolean => {
    const r = parseXml(text, 'x.xml', NS);
    return typeof r.ok === 'boolean';
  };
  fc.assert(fc.property(fc.string({ maxLength: 200 }), check), { numRuns: 3000 });
  fc.assert(fc.property(fc.stringMatching(/^[<>/!?\-[\]a-z="' &#;x0-9:]{0,80}$/), check), { numRuns: 3000 });
  fc.assert(
    fc.property(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 5 }), (a, b, insert) => check(valid.slice(0, Math.min(a, b)) + insert + valid.slice(Math.max(a, b)))),
    { numRuns: 3000 },
  );
});

test('pathological inputs of 2 MB are read to their end or refused, each in one pass (time as a diagnostic only)', (t) => {
  // Why no deadline: a loaded machine makes any one slow; a quadratic scan of 2 MB would not finish at all.
  const cases: [string, boolean][] = [
    ['<'.repeat(2_000_000), false],
    [`<a>${'<b x="1" y=\'2\'/>'.repeat(100_000)}</a>`, true],
    [`<a>${'&amp;'.repeat(400_000)}</a>`, true],
    [`<a ${'x="1" '.repeat(300_000)}/>`, true],
    [`<a><!--${'-'.repeat(2_000_000)}`, false],
    [`<a>${'<!---->'.repeat(300_000)}</a>`, true],
  ];
  for (const [text, ok] of cases) {
    const started = performance.now();
    const r = parseXml(text, 'x.xml');
    t.diagnostic(`${(performance.now() - started).toFixed(0)} ms for ${text.slice(0, 20)}…`);
    assert.equal(r.ok, ok, text.slice(0, 20));
  }
  const amps = parseXml(`<a>${'&amp;'.repeat(400_000)}</a>`, 'x.xml');
  assert.equal(amps.ok && textContent(amps.root).length, 400_000);
});
