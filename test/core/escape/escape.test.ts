import { escapeHtml, escapeMarkdown, escapeMrkdwn, printable, safeHref } from '@vigil/core/escape';
import { describe, expect, it } from 'vitest';

describe('escapeHtml', () => {
  it('turns the five HTML metacharacters into entities and nothing else', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')"> & co`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co',
    );
    expect(escapeHtml('total_charges 0.31 → 0.5')).toBe('total_charges 0.31 → 0.5');
  });

  it('escapes an entity the input already holds, so it is shown and not decoded', () => {
    expect(escapeHtml('&lt;script&gt;')).toBe('&amp;lt;script&amp;gt;');
  });

  it('lets only http(s) URLs become links', () => {
    expect(safeHref('https://runbooks.example.com/a?b=1&c=2')).toBe(
      'https://runbooks.example.com/a?b=1&amp;c=2',
    );
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('https://x.example/"onmouseover="alert(1)')).toBeUndefined();
    expect(safeHref('s3://bucket/key')).toBeUndefined();
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['![pixel](http://evil.example/p.png)', '!\\[pixel\\](http://evil.example/p.png)'],
    ['<http://evil.example>', '\\<http://evil.example\\>'],
    ['*bold* ~strike~ `code`', '\\*bold\\* \\~strike\\~ \\`code\\`'],
    ['_italic_ and total_charges', '\\_italic\\_ and total_charges'],
    ['a | b', 'a \\| b'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['12. item', '12\\. item'],
    ['---', '\\---'],
    ['0.88', '0.88'],
    ['#hashtag', '#hashtag'],
    ['line one\n# two\r\nthree', 'line one # two three'],
    ['&lt;b&gt;', '\\&lt;b\\&gt;'],
    ['back\\slash', 'back\\\\slash'],
    ['bell\u0007 escape\u001b[2J', 'bell\\\\u0007 escape\\\\u001b\\[2J'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U123ABC> <#C42>', '&lt;@U123ABC&gt; &lt;#C42&gt;'],
    ['<http://evil.example|click here>', '&lt;http://evil.example|click here&gt;'],
    ['*bold*', '\u2217bold\u2217'],
    ['_italic_', '\uff3fitalic\uff3f'],
    ['~strike~', '\u223cstrike\u223c'],
    ['`code`', '\u02cbcode\u02cb'],
    ['feature_baseline_drift_total_charges', 'feature_baseline_drift_total_charges'],
    ['a & b', 'a &amp; b'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('printable', () => {
  it('shows control characters as codes and flattens line breaks', () => {
    expect(printable('age\u001b[31m red\u0007\nNote: forged\r')).toBe(
      'age\\u001b[31m red\\u0007 Note: forged ',
    );
    expect(printable('right\u202eto-left')).toBe('right\\u202eto-left');
    expect(printable('tab\tok é')).toBe('tab\tok é');
  });
});
