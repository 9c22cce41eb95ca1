import type { Alert, StoredModelCard } from '@vigil/core';
import { renderAlertText, renderEmail, renderSlackMessage } from '@vigil/core/alerting';
import { renderCardHtml, renderCardMarkdown } from '@vigil/core/cards';
import type { StatisticsFile } from '@vigil/core/dataquality';
import { dataQualitySection, renderPage } from '@vigil/core/report';
import { describe, expect, it } from 'vitest';

// Names and texts an attacker (or an unlucky data set) can put where Vigil renders them: feature
// names, alarm names, card fields, violation descriptions. None may be interpreted by the format.
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const MRKDWN = '*bold* _italic_ ~strike~ `code`';
const SLACK_LINKS = '<!channel> <@U0123> <http://evil.example|click>';
const BARE = 'http://evil.example/bare';
const MD_LINK = '[click](javascript:alert(1)) ![px](http://evil.example/p.png)';
const BLOCK = 'text\n# forged heading\n- forged item\n| forged | row |';
const ANSI = 'age\u001b[2K\rforged';

const alert: Alert = {
  id: 'churn-prod-20240501T1300.1.firing.0a1b2c3d',
  incidentId: 'churn-prod-20240501T1300',
  status: 'firing',
  severity: 'critical',
  title: `[FIRING] churn-prod: feature_baseline_drift_${MRKDWN} = 0.31 > 0.1`,
  endpoint: 'churn-prod',
  variant: 'AllTraffic',
  signals: [
    {
      source: `vigil-churn-prod-drift-${SLACK_LINKS}`,
      metric: `feature_baseline_drift_${MRKDWN}`,
      value: 0.31,
      threshold: 0.1,
      comparison: 'GreaterThanThreshold',
      state: 'ALARM',
      summary: `${BARE} ${SCRIPT} ${IMG} ${ANSI}`,
    },
  ],
  transition: { from: 'OK', to: 'ALARM' },
  reportUri: 'javascript:alert(1)',
  runbookUrl: 'https://runbooks.example.com/churn',
  actionTaken: `None. ${MD_LINK}`,
  notes: [`${SLACK_LINKS} ${MRKDWN}`, BLOCK],
  at: '2024-05-01T13:50:02.000Z',
};

/** Every HTML tag the text holds, by name. */
const tagNames = (html: string) =>
  [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]?.toLowerCase());

describe('hostile names in Slack messages', () => {
  const message = renderSlackMessage(alert);
  const texts = [
    message.text,
    ...message.blocks.flatMap((b) =>
      b.type === 'section'
        ? [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)]
        : b.type === 'context'
          ? b.elements.map((e) => e.text)
          : [],
    ),
  ];
  const all = texts.join('\n');

  it('ping nobody and link nowhere', () => {
    for (const raw of ['<!channel>', '<@U0123>', '<http://evil.example', '<script', '<img']) {
      expect(all).not.toContain(raw);
    }
    expect(all).toContain('&lt;!channel&gt;');
    // Vigil's own link is the only `<…>` left.
    expect(all.match(/<[^>]*>/g)).toEqual(['<https://runbooks.example.com/churn|Runbook>']);
  });

  it("write a link's & as the entity Slack expects, and show links that would break out as text", () => {
    const withQuery = renderSlackMessage({
      ...alert,
      runbookUrl: 'https://runbooks.example.com/churn?a=1&b=2',
      reportUri: 'https://x.example/r|<!channel>',
    });
    const text = JSON.stringify(withQuery.blocks);
    expect(text).toContain('<https://runbooks.example.com/churn?a=1&amp;b=2|Runbook>');
    expect(text).toContain('Report: https://x.example/r|&lt;!channel&gt;');
  });

  it('format nothing: *bold*, _italic_, ~strike~ and `code` stay literal', () => {
    for (const raw of ['*bold*', '_italic_', '~strike~', '`code`']) expect(all).not.toContain(raw);
    expect(all).toContain('\u2217bold\u2217');
  });

  it('keep bare links as text: every mrkdwn object is verbatim', () => {
    const objects = message.blocks.flatMap((b) =>
      b.type === 'section'
        ? [...(b.text ? [b.text] : []), ...(b.fields ?? [])]
        : b.type === 'context'
          ? b.elements
          : [],
    );
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) expect(o).toMatchObject({ type: 'mrkdwn', verbatim: true });
    expect(all).not.toMatch(/<javascript:/);
  });
});

describe('hostile names in emails', () => {
  const { html, text, subject } = renderEmail(alert);

  it('are shown, never parsed, in the HTML part', () => {
    expect(new Set(tagNames(html))).toEqual(
      new Set([
        'html',
        'body',
        'h2',
        'table',
        'tr',
        'th',
        'td',
        'h3',
        'ul',
        'li',
        'b',
        'code',
        'br',
        'p',
        'a',
        'i',
      ]),
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<a href="https://runbooks.example.com/churn">Runbook</a>');
  });

  it('cannot forge lines or send terminal controls in the text part and subject', () => {
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\r');
    expect(text.split('\n').some((line) => line.startsWith('# forged heading'))).toBe(false);
    expect(subject).not.toMatch(/\p{Cc}/u);
  });
});

describe('hostile names in plain-text alerts', () => {
  it('carry no control characters and no forged lines', () => {
    const text = renderAlertText(alert);
    expect(text.replace(/\n/g, '')).not.toMatch(/\p{Cc}/u);
    expect(text).toContain('age\\u001b[2K\\u000dforged'.replace('\\u000d', ' '));
    expect(text.split('\n').filter((line) => line.startsWith('- forged item'))).toEqual([]);
  });
});

function hostileCard(): StoredModelCard {
  return {
    name: 'churn-v1',
    version: 1,
    status: 'Draft',
    content: {
      model_overview: { model_owner: SCRIPT, model_description: BLOCK, model_name: IMG },
      intended_uses: { purpose_of_model: MD_LINK, risk_rating: 'High', intended_uses: `${MRKDWN} <b>x</b>` },
      business_details: { business_problem: '<http://evil.example>' },
      evaluation_details: [
        {
          name: `${IMG} eval`,
          evaluation_observation: BLOCK,
          metric_groups: [
            {
              name: `${SCRIPT} group`,
              metric_data: [{ name: `auc | ${MD_LINK}`, type: 'number', value: 0.9 }],
            },
          ],
        },
      ],
    },
  };
}

describe('hostile card fields in the Markdown export and `vigil card show`', () => {
  const md = renderCardMarkdown(hostileCard(), { generatedAt: new Date('2026-03-03T00:00:00Z') });

  it('hold no raw HTML, links, images or autolinks', () => {
    expect(md).not.toMatch(/(^|[^\\])<(script|img|b|http)/m);
    expect(md).not.toMatch(/(^|[^\\])\[(click|px)(?<!\\)\]\(/);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('\\[click\\](javascript:alert(1))');
  });

  it('start no block of their own and split no table row', () => {
    const lines = md.split('\n');
    expect(lines.filter((l) => /^#+ forged|^- forged|^\| forged/.test(l))).toEqual([]);
    const metricRow = lines.find((l) => l.includes('auc'));
    // Two cells: the escaped name (with its `|` escaped) and the value.
    expect(metricRow?.split(/(?<!\\)\|/).filter((c) => c.trim())).toHaveLength(2);
  });

  it('format nothing', () => {
    expect(md).toContain('\\*bold\\* \\_italic\\_ \\~strike\\~ \\`code\\`');
  });
});

describe('hostile card fields in the HTML export', () => {
  it('are shown, never parsed', () => {
    const html = renderCardHtml(hostileCard(), { generatedAt: new Date('2026-03-03T00:00:00Z') });
    expect(tagNames(html)).not.toContain('script');
    expect(tagNames(html)).not.toContain('img');
    expect(tagNames(html)).not.toContain('b');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('hostile feature names in the data-quality HTML report', () => {
  it('are shown, never parsed, in tables, headings, charts and summaries', () => {
    const feature = (name: string, type: string): StatisticsFile['features'][number] =>
      ({
        name,
        inferred_type: type,
        string_statistics: {
          common: { num_present: 2, num_missing: 0 },
          distinct_count: 2,
          distribution: {
            categorical: {
              buckets: [
                { value: IMG, count: 1 },
                { value: 'b', count: 1 },
              ],
            },
          },
        },
      }) as StatisticsFile['features'][number];
    const statistics: StatisticsFile = {
      version: 0,
      features: [feature(SCRIPT, `String${IMG}`)],
    } as StatisticsFile;
    const violations = [
      { feature_name: SCRIPT, constraint_check_type: IMG, description: `${MD_LINK} ${SCRIPT}` },
    ];
    const { sections, violations: words } = dataQualitySection({
      baseline: statistics,
      current: statistics,
      driftReport: {
        features: {
          [SCRIPT]: {
            type: 'categorical',
            method: `chi${IMG}`,
            value: 0.5,
            threshold: 0.1,
            drift: true,
            note: IMG,
          },
        },
        drifted_features: [SCRIPT],
      },
      violations,
    });
    const html = renderPage({
      title: `Report ${IMG}`,
      facts: [['Endpoint', SCRIPT]],
      violations: words,
      sections,
      files: [`${IMG}.json`],
    });
    expect(tagNames(html)).not.toContain('script');
    expect(tagNames(html)).not.toContain('img');
    expect(html).toContain('String&lt;img src=x onerror=alert(1)&gt;');
  });
});
