// The Vigil dashboard: a small hash-routed page over the read-only API (`/api/…`), the same API
// whether `vigil ui` serves it from a home folder or the dashboard-api Lambda from Vigil's bucket.
// Text from the data is only ever set as text (never as HTML). Charts: uPlot, served locally.
(() => {
  const MONITOR_TITLES = {
    DataQuality: 'Data quality',
    ModelQuality: 'Model quality',
    ModelBias: 'Bias drift',
    ModelExplainability: 'Feature attribution',
  };
  const STATUS_TEXT = {
    Completed: 'OK',
    CompletedWithViolations: 'Violations',
    Failed: 'Failed',
  };
  // The runs table shows the latest runs only: a month of hourly runs is 720 rows.
  const MAX_TABLE_RUNS = 100;
  const COLORS = ['#1f5fa8', '#a3361f', '#2d6b2d', '#6b3fa0', '#8a5a00', '#00677a'];
  const main = document.getElementById('main');
  const charts = [];

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs ?? {})) {
      if (value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
    }
    return node;
  }

  async function api(path) {
    const response = await fetch(`api/${path}`);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
    return body;
  }

  const fmt = (value) =>
    typeof value !== 'number' ? '–' : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
  const when = (iso) => (iso ? iso.replace('T', ' ').replace(/:\d\d\.\d+Z$|:\d\dZ$/, ' UTC') : '–');
  const seconds = (iso) => Date.parse(iso) / 1000;
  const statusBadge = (status) =>
    el('span', { class: `badge status-${status ?? 'none'}` }, STATUS_TEXT[status] ?? status ?? 'No run');

  function reportLinks(run) {
    if (!run.reportKey) return el('span', { class: 'muted' }, 'outside the store');
    if (run.reportHtml) return el('a', { href: `api/files/${run.reportKey}report.html` }, 'report');
    return el('span', { class: 'muted', title: run.reportUri }, 'no report page');
  }

  /** A uPlot chart in a figure with a caption, sized to its container. */
  function chart(parent, { title, description, times, series, bands, yValues, yRange }) {
    const figure = el('figure', { class: 'chart', 'data-points': String(times.length) });
    const caption = el('figcaption', {}, el('strong', {}, title), description ? ` ${description}` : '');
    const holder = el('div', { class: 'plot', role: 'img', 'aria-label': `${title}: ${description ?? ''}` });
    figure.append(caption, holder);
    parent.append(figure);
    const width = Math.max(320, Math.min(holder.clientWidth || 560, 1240));
    const plot = new uPlot(
      {
        width,
        height: 220,
        scales: { x: { time: true }, ...(yRange ? { y: { range: yRange } } : {}) },
        axes: [
          { stroke: '#333', grid: { stroke: '#e3e3e3' }, values: timeLabels, space: 60 },
          yValues
            ? {
                stroke: '#333',
                grid: { stroke: '#e3e3e3' },
                size: 130,
                values: (_u, splits) => splits.map(yValues),
                incrs: [1],
              }
            : { stroke: '#333', grid: { stroke: '#e3e3e3' }, size: 60 },
        ],
        series: [
          {
            label: 'Time (UTC)',
            value: (_u, v) => (v == null ? '–' : when(new Date(v * 1000).toISOString())),
          },
          ...series.map(({ data, ...options }) => options),
        ],
        bands,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
        legend: { live: true },
      },
      [times, ...series.map((s) => s.data)],
      holder,
    );
    charts.push(plot);
    return figure;
  }

  const line = (label, data, color, extra) => ({
    label,
    data,
    stroke: color,
    width: 2,
    points: { show: (u) => u.data[0].length <= 120, size: 5 },
    value: (_u, v) => fmt(v),
    ...extra,
  });
  const thresholdLine = (data) =>
    line('Threshold', data, '#6d6d6d', { dash: [6, 4], width: 1.5, points: { show: false } });
  const markers = (label, data, color, dense = data.length > 120) => ({
    label,
    data,
    stroke: color,
    fill: color,
    width: 0,
    paths: () => null,
    points: { show: true, size: dense ? 7 : 11, fill: color, stroke: '#000', width: 1 },
    value: (_u, v) => (v == null ? '–' : fmt(v)),
  });

  /** True when a violation of `run` names `metric` (wind → feature_baseline_drift_wind, AD (season=winter) → post.season=winter.AD). */
  function violates(run, metric) {
    return (run.violations ?? []).some(({ subject }) => {
      if (subject === metric || metric.endsWith(`_${subject}`)) return true;
      const facet = /^(.+) \((.+)\)$/.exec(subject);
      if (facet && metric.endsWith(`${facet[2]}.${facet[1]}`)) return true;
      return metric.endsWith('ndcg') && /ndcg/i.test(subject);
    });
  }

  function thresholdOf(series, run, metric) {
    return (
      run.thresholds?.[metric] ?? series.thresholds[metric] ?? series.thresholds[metric.split('.').at(-1)]
    );
  }

  /** One chart of a metric over time, with its threshold and the runs whose violations name it. */
  function metricChart(parent, series, metric, label) {
    const runs = series.runs.filter((run) => typeof run.metrics[metric] === 'number');
    const times = runs.map((run) => seconds(run.windowStart));
    const values = runs.map((run) => run.metrics[metric]);
    const thresholds = runs.map((run) => thresholdOf(series, run, metric)?.value ?? null);
    const flagged = runs.map((run) => (violates(run, metric) ? run.metrics[metric] : null));
    const drifted = runs.map((run) => (run.flagged?.includes(metric) ? run.metrics[metric] : null));
    const list = [line(label ?? metric, values, COLORS[0])];
    if (thresholds.some((t) => t !== null)) list.push(thresholdLine(thresholds));
    list.push(markers('Violation (alarm)', flagged, '#c62828'));
    if (drifted.some((d) => d !== null)) list.push(markers('Drift flagged (no alarm)', drifted, '#e08a00'));
    const threshold = runs.map((run) => thresholdOf(series, run, metric)).findLast((t) => t);
    const side = threshold ? (threshold.comparison === 'LessThanThreshold' ? 'below' : 'above') : undefined;
    chart(parent, {
      title: label ?? metric,
      description: threshold
        ? `threshold ${fmt(threshold.value)} (${metric.startsWith('vigil_drift_score_') ? `${side} it is drift when the noise test agrees` : `violation ${side}`}); ${count(flagged)} violating run(s)${driftNote(drifted)}.`
        : `${count(flagged)} violating run(s); no fixed threshold.`,
      times,
      series: list,
    });
  }

  const count = (list) => list.filter((v) => v !== null).length;
  const driftNote = (drifted) => (count(drifted) ? `, ${count(drifted)} flagged as drift by its test` : '');

  /** Time axis labels: hours within a day or two, dates beyond. */
  function timeLabels(_u, splits, _axis, _space, increment) {
    return splits.map((s, i) => {
      const iso = new Date(s * 1000).toISOString();
      if (increment >= 86400) return iso.slice(5, 10);
      return i === 0 || iso.slice(11, 16) === '00:00'
        ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}`
        : iso.slice(11, 16);
    });
  }

  function setPage(title, ...content) {
    for (const plot of charts.splice(0)) plot.destroy();
    document.title = `${title} · Vigil dashboard`;
    main.replaceChildren(el('h1', {}, title), ...content);
    for (const link of document.querySelectorAll('nav a')) {
      const current =
        location.hash === link.getAttribute('href') ||
        (location.hash === '' && link.getAttribute('href') === '#/');
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  async function overviewPage() {
    const data = await api('overview');
    const rows = [];
    for (const endpoint of data.endpoints) {
      const byType = Object.fromEntries(endpoint.monitors.map((m) => [m.monitoringType, m]));
      rows.push(
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, endpoint.name),
          el('td', {}, endpoint.variants.join(', ') || '–'),
          Object.keys(MONITOR_TITLES).map((type) => {
            const monitor = byType[type];
            if (!monitor) return el('td', { class: 'muted' }, 'not indexed');
            const last = monitor.last;
            return el(
              'td',
              {},
              el(
                'a',
                { href: `#/endpoint/${encodeURIComponent(endpoint.name)}/${type}` },
                statusBadge(last?.status),
                el('span', { class: 'sr-only' }, ` ${MONITOR_TITLES[type]} of ${endpoint.name}`),
              ),
              el('div', { class: 'small' }, `${when(last?.windowStart)} · ${monitor.runCount} runs`),
              last?.violationCount
                ? el('div', { class: 'small' }, `${last.violationCount} violation(s) in the last run`)
                : undefined,
              el(
                'div',
                { class: 'small recent' },
                `last ${monitor.recent.runs} runs: ${monitor.recent.violating} with violations, ${monitor.recent.failed} failed`,
              ),
            );
          }),
        ),
      );
    }
    setPage(
      'Endpoints',
      el(
        'p',
        { class: 'lead' },
        `Vigil's store: ${data.location}. Each cell is a monitor's latest run; open it for its history.`,
      ),
      data.endpoints.length === 0
        ? el('p', {}, 'No endpoint has run yet: run `vigil demo` or `vigil dev` to fill the home.')
        : el(
            'table',
            { class: 'grid' },
            el('caption', {}, 'Endpoints, variants and the last status of each monitor'),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col' }, 'Endpoint'),
                el('th', { scope: 'col' }, 'Variants'),
                Object.values(MONITOR_TITLES).map((t) => el('th', { scope: 'col' }, t)),
              ),
            ),
            el('tbody', {}, rows),
          ),
    );
  }

  function runsTable(series) {
    const rows = series.runs
      .slice(-MAX_TABLE_RUNS)
      .reverse()
      .map((run) =>
        el(
          'tr',
          {},
          el('td', {}, when(run.windowStart)),
          el('td', {}, statusBadge(run.status)),
          el('td', { class: 'num' }, String(run.recordCount)),
          el('td', {}, run.violations.map((v) => v.subject).join(', ') || (run.failureReason ?? '–')),
          el('td', {}, run.variantName ?? '–'),
          el('td', {}, reportLinks(run)),
        ),
      );
    return el(
      'table',
      { class: 'grid' },
      el(
        'caption',
        {},
        series.runs.length > MAX_TABLE_RUNS
          ? `The latest ${MAX_TABLE_RUNS} of ${series.runs.length} runs, newest first (the charts show all)`
          : 'Runs, newest first',
      ),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['Window start', 'Status', 'Records', 'Violations', 'Variant', 'Report'].map((h) =>
            el('th', { scope: 'col' }, h),
          ),
        ),
      ),
      el('tbody', {}, rows),
    );
  }

  function metricNames(series) {
    const names = new Set();
    for (const run of series.runs) for (const name of Object.keys(run.metrics)) names.add(name);
    return [...names];
  }

  function qualitySection(series) {
    const section = el(
      'section',
      { 'aria-labelledby': 'estimates' },
      el('h2', { id: 'estimates' }, 'Realized vs estimated'),
    );
    const estimated = new Set(series.runs.flatMap((run) => Object.keys(run.estimates ?? {})));
    if (estimated.size === 0) {
      section.append(
        el(
          'p',
          { class: 'note' },
          'This data has no label-free estimates (estimated_quality.json): only realized values are shown below.',
        ),
      );
      return section;
    }
    section.append(
      el(
        'p',
        {},
        'Realized values (from labels) against the label-free estimate and its band (lower to upper).',
      ),
    );
    const grid = el('div', { class: 'charts' });
    section.append(grid);
    // Drawn once the section is in the page, so the charts take its width.
    section.draw = () => {
      for (const metric of estimated) {
        const runs = series.runs.filter(
          (run) => run.estimates?.[metric] || typeof run.metrics[metric] === 'number',
        );
        chart(grid, {
          title: metric,
          description: `realized vs estimated, ${runs.filter((r) => r.estimates?.[metric]).length} estimate(s).`,
          times: runs.map((run) => seconds(run.windowStart)),
          series: [
            line(
              'Realized',
              runs.map((run) => run.metrics[metric] ?? null),
              COLORS[0],
            ),
            line(
              'Estimated',
              runs.map((run) => run.estimates?.[metric]?.estimated ?? null),
              COLORS[1],
              { dash: [4, 3] },
            ),
            line(
              'Band upper',
              runs.map((run) => run.estimates?.[metric]?.upper ?? null),
              '#9fb7d4',
              { width: 1, points: { show: false } },
            ),
            line(
              'Band lower',
              runs.map((run) => run.estimates?.[metric]?.lower ?? null),
              '#9fb7d4',
              { width: 1, points: { show: false } },
            ),
          ],
          bands: [{ series: [3, 4], fill: 'rgba(31, 95, 168, 0.12)' }],
        });
      }
    };
    return section;
  }

  async function monitorPage(endpoint, type) {
    const series = await api(`series/${encodeURIComponent(endpoint)}/${type}`);
    const title = `${MONITOR_TITLES[type] ?? type} · ${endpoint}`;
    const names = metricNames(series);
    const sections = [];
    if (series.runs.length === 0) sections.push(el('p', {}, 'No run of this monitor is indexed yet.'));
    if (type === 'ModelQuality') sections.push(qualitySection(series));
    const groups =
      type === 'DataQuality'
        ? [
            ['Drift scores (Vigil methods)', names.filter((n) => n.startsWith('vigil_drift_score_'))],
            [
              'Baseline drift distance (SageMaker)',
              names.filter((n) => n.startsWith('feature_baseline_drift_')),
            ],
          ]
        : type === 'ModelQuality'
          ? [
              [
                'Metrics with a threshold',
                names.filter(
                  (n) => !n.startsWith('estimated_') && thresholdOf(series, series.runs.at(-1) ?? {}, n),
                ),
              ],
            ]
          : type === 'ModelBias'
            ? [['Bias metrics per facet', names]]
            : [
                [
                  'nDCG and expected value',
                  names.filter((n) => !/\.feature_/.test(n) && !n.startsWith('feature_')),
                ],
                [
                  'Global attributions (mean |SHAP|) per feature',
                  names.filter((n) => /(^|\.)feature_/.test(n)),
                ],
              ];
    groups.forEach(([heading, metrics], i) => {
      if (metrics.length === 0) return;
      const id = `group-${i}`;
      const grid = el('div', { class: 'charts' });
      sections.push(el('section', { 'aria-labelledby': id }, el('h2', { id }, heading), grid));
      sections.at(-1).dataset.metrics = metrics.join(',');
    });
    sections.push(
      el('section', { 'aria-labelledby': 'runs' }, el('h2', { id: 'runs' }, 'Runs'), runsTable(series)),
    );
    setPage(
      title,
      el(
        'p',
        { class: 'lead' },
        `${series.runs.length} runs from the run index; thresholds dashed, violations marked red.`,
      ),
      ...sections,
    );
    // Charts are drawn once their sections are in the page, so they take its width.
    for (const section of main.querySelectorAll('section[data-metrics]')) {
      const grid = section.querySelector('.charts');
      for (const metric of section.dataset.metrics.split(',')) metricChart(grid, series, metric);
    }
    for (const section of sections) section.draw?.();
  }

  const KIND_TEXT = {
    'incident-opened': 'Incident opened',
    'alert-sent': 'Alert sent',
    'incident-resolved': 'Incident resolved',
    rollback: 'Rollback',
    alarm: 'Alarm',
  };

  async function incidentsPage() {
    const { events } = await api('incidents');
    const kinds = Object.keys(KIND_TEXT);
    const ordered = events.slice().sort((a, b) => (a.at < b.at ? -1 : 1));
    setPage(
      'Incidents',
      el(
        'p',
        { class: 'lead' },
        `${events.length} events: incidents, the alerts sent for them, rollbacks and alarms now in ALARM.`,
      ),
    );
    if (events.length > 0) {
      const grid = el('div', { class: 'charts wide' });
      main.append(grid);
      chart(grid, {
        title: 'Timeline',
        description: 'one lane per kind of event.',
        times: ordered.map((e) => seconds(e.at)),
        yValues: (lane) => KIND_TEXT[kinds[lane - 1]] ?? '',
        yRange: [0.5, kinds.length + 0.5],
        series: kinds.map((kind, lane) =>
          markers(
            KIND_TEXT[kind],
            ordered.map((e) => (e.kind === kind ? lane + 1 : null)),
            COLORS[lane % COLORS.length],
          ),
        ),
      });
    }
    main.append(
      el(
        'ol',
        { class: 'timeline' },
        events.map((e) =>
          el(
            'li',
            {},
            el('time', { datetime: e.at }, when(e.at)),
            ' ',
            el('span', { class: `badge kind-${e.kind}` }, KIND_TEXT[e.kind] ?? e.kind),
            ' ',
            el('strong', {}, e.endpoint),
            ': ',
            e.title,
            e.detail ? el('div', { class: 'small' }, e.detail) : undefined,
          ),
        ),
      ),
    );
  }

  async function registryPage() {
    const { versions } = await api('registry');
    const rows = versions.map((v) => {
      const last = v.decisions.at(-1);
      const card = v.card;
      return el(
        'tr',
        {},
        el('th', { scope: 'row' }, `${v.group} v${v.version}`),
        el(
          'td',
          {},
          el(
            'span',
            { class: `badge approval-${v.approvalStatus ?? 'unknown'}` },
            v.approvalStatus ?? 'unknown',
          ),
        ),
        el('td', {}, v.lastModifiedBy ?? '–'),
        el(
          'td',
          {},
          v.decisions.length === 0
            ? el('span', { class: 'muted' }, 'no gate decision')
            : v.decisions.map((d) =>
                el(
                  'div',
                  { class: 'decision' },
                  `${when(d.decidedAt)}: ${d.outcome} → ${d.approvalStatus}, by ${d.decidedBy}; `,
                  d.failedRules.length === 0
                    ? `all ${d.ruleCount} rules passed`
                    : el(
                        'ul',
                        { class: 'failed' },
                        d.failedRules.map((r) => el('li', {}, `FAIL ${r.rule}: ${r.detail}`)),
                      ),
                ),
              ),
        ),
        el(
          'td',
          {},
          card
            ? [
                el('meter', {
                  min: '0',
                  max: String(card.completeness.total),
                  value: String(card.completeness.filled),
                  'aria-label': `Card ${card.name} completeness`,
                }),
                ` ${card.completeness.filled}/${card.completeness.total}`,
                el('div', { class: 'small' }, `${card.name} v${card.version}, ${card.status}`),
                card.completeness.missing.length
                  ? el('div', { class: 'small' }, `missing: ${card.completeness.missing.join(', ')}`)
                  : undefined,
              ]
            : el('span', { class: 'muted' }, 'no card'),
        ),
        el('td', {}, last ? when(last.decidedAt) : '–'),
      );
    });
    setPage(
      'Registry',
      el(
        'p',
        { class: 'lead' },
        'Model versions, every approval decision with the rules that failed and who decided, and how complete each model card is.',
      ),
      el(
        'table',
        { class: 'grid' },
        el('caption', {}, 'Model package versions, newest first'),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            [
              'Version',
              'Status now',
              'Last changed by',
              'Decisions',
              'Card completeness',
              'Last decision',
            ].map((h) => el('th', { scope: 'col' }, h)),
          ),
        ),
        el('tbody', {}, rows),
      ),
    );
  }

  async function auditPage() {
    const audit = await api('audit');
    if (!audit.available) {
      setPage('Audit', el('p', {}, 'The audit log is not readable from here.'));
      return;
    }
    setPage(
      'Audit',
      el(
        'p',
        { class: `verdict ${audit.ok ? 'ok' : 'bad'}`, role: 'status' },
        audit.ok
          ? `Verified: ${audit.recordCount} records, hash chain intact.`
          : `NOT verified: ${audit.problems.length} problem(s) in ${audit.recordCount} records.`,
      ),
      el(
        'dl',
        {},
        el('dt', {}, 'Head (last record)'),
        el('dd', {}, audit.head ? `${audit.head.sequence}: ${audit.head.hash}` : '–'),
        el('dt', {}, 'Newest published head'),
        el(
          'dd',
          {},
          audit.publishedHead ? `${audit.publishedHead.sequence}: ${audit.publishedHead.hash}` : 'none given',
        ),
      ),
      audit.problems.length
        ? el(
            'ul',
            {},
            audit.problems.map((p) => el('li', {}, `#${p.sequence} ${p.kind}: ${p.message}`)),
          )
        : undefined,
    );
  }

  async function route() {
    const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    try {
      if (parts[0] === 'endpoint' && parts.length === 3) await monitorPage(parts[1], parts[2]);
      else if (parts[0] === 'incidents') await incidentsPage();
      else if (parts[0] === 'registry') await registryPage();
      else if (parts[0] === 'audit') await auditPage();
      else await overviewPage();
      main.dataset.page = parts[0] || 'overview';
      main.dataset.ready = 'true';
    } catch (error) {
      console.error(error);
      setPage(
        'Something went wrong',
        el('p', { role: 'alert' }, `The dashboard could not load this page: ${error.message}`),
      );
    }
  }

  window.addEventListener('hashchange', () => {
    main.dataset.ready = 'false';
    route().then(() => main.focus());
  });
  route();
})();
