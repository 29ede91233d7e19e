// Fixture briefings for the browser tests, written for these tests (not real articles).
// Each has a Date: line so months are known, and citations "(host)" closing sentences.
const FOOTER = '\n\nGet your own daily briefing\n\nScout delivers personalized news, insights, and ' +
  'conversations tailored to your role and industry.\n\nDownload on the App Store\n\n' +
  'Shared from Scout - Be the smartest in the room.';

function briefing(date, headline, summary, body) {
  return `Date: ${date}\n\n${headline}\n\n${summary}\n\n${body.join('\n\n')}${FOOTER}`;
}

export const XSS_HEADLINE = '<img src=x onerror=alert(1)>';

export const FIXTURES = {
  'bedrock-agents.txt': briefing('2026-01-14',
    'Amazon widens Bedrock for enterprise agents',
    'Amazon added agent tooling to Bedrock aimed at enterprise buyers. (cnbc.com)',
    ['The Bedrock update lets enterprise teams chain models with company data. (aws.amazon.com) ' +
      'Analysts said pricing would decide adoption. (reuters.com)',
    'Competitors are expected to answer within weeks. (theverge.com)']),
  'bedrock-pricing.txt': briefing('2026-02-03',
    'Bedrock pricing cut lands as enterprise demand grows',
    'Cloud customers will pay less per token on Bedrock. (reuters.com)',
    ['Enterprise contracts signed this quarter get the lower rate first. (cnbc.com) ' +
      'Smaller start-ups wait until spring. (techcrunch.com)']),
  'enterprise-search.txt': briefing('2026-02-20',
    'Enterprise search start-up raises new funding',
    'A search company serving enterprise clients closed a large round. (techcrunch.com)',
    ['Its software indexes internal documents and chats. (techcrunch.com) ' +
      'The founders plan to hire in Europe. (ft.com)']),
  'chips-export.txt': briefing('2025-11-08',
    'Chip export rules tighten again',
    'New limits target advanced accelerators shipped abroad. (reuters.com)',
    ['Suppliers warned about revenue for the next two quarters. (bloomberg.com) ' +
      'Customers stockpiled parts before the deadline. (cnbc.com)']),
  'rail-strike.txt': briefing('2025-12-12',
    'Rail strike ends after overnight talks',
    'Unions and operators agreed on a two-year pay deal. (bbc.co.uk)',
    ['Trains return to a full timetable on Monday. (bbc.co.uk) ' +
      'Commuters faced a week of cancellations. (theguardian.com)']),
  'bedrock-outage.txt': briefing('2026-03-02',
    'Brief Bedrock outage hits enterprise dashboards',
    'Several enterprise dashboards failed for an hour when Bedrock calls timed out. (theverge.com)',
    ['The provider blamed a configuration push. (aws.amazon.com) ' +
      'Service credits will be issued automatically. (cnbc.com)']),
  'xss.txt': briefing('2026-03-05',
    XSS_HEADLINE,
    'A harmless note whose headline looks like markup, about quokka sightings. (example.org)',
    ['Quokka counts rose on the island this summer. (example.org)']),
  'weather.txt': briefing('2026-01-28',
    'Cold snap breaks records across the north',
    'Temperatures fell to the lowest level in decades. (bbc.co.uk)',
    ['Schools closed for two days. (theguardian.com) Power demand peaked on Tuesday. (reuters.com)']),
};

// Enough similar briefings to need a second page, spread over a year for the timeline.
const HOSTS = ['reuters.com', 'bloomberg.com', 'ft.com', 'cnbc.com', 'wsj.com'];
for (let i = 0; i < 26; ++i) {
  const month = ((i * 5) % 13);  // 0..12 -> 2025-03 .. 2026-03
  const y = 2025 + Math.floor((month + 2) / 12);
  const m = ((month + 2) % 12) + 1;
  const date = `${y}-${String(m).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
  FIXTURES[`wrap-${i}.txt`] = briefing(date,
    `Weekly market wrap number ${i + 1}`,
    `Markets closed the week ${i % 2 ? 'higher' : 'lower'} in a quiet wrap. (${HOSTS[i % 5]})`,
    [`Bond yields moved little while oil slipped. (${HOSTS[(i + 1) % 5]}) ` +
      `Traders looked ahead to the next central bank meeting. (${HOSTS[(i + 2) % 5]})`]);
}
