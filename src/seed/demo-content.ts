/** Demo content for a new site: original sample texts, written for this project. */

export interface DemoCredit {
  key: string;
  creator: string;
  copyrightHolder?: string;
  year?: number;
  license:
    | 'all_rights_reserved'
    | 'cc_by'
    | 'cc_by_sa'
    | 'cc_by_nc'
    | 'cc0'
    | 'public_domain'
    | 'other';
  sourceUrl?: string;
  aiGenerated: boolean;
  aiTool?: string;
}

export interface DemoArticle {
  title: string;
  author: string;
  tags: string[];
  credit: string;
  /** Two colours for the generated cover gradient. */
  colors: [string, string];
  paragraphs: string[];
  /** Other localizations of the same article, by locale code (the locale is added when missing). */
  translations?: Record<string, { title: string; paragraphs: string[] }>;
}

/** The locales the demo translations use, with the names the admin shows. */
export const DEMO_LOCALES: Record<string, string> = { fr: 'French (fr)' };

export const DEMO_TAGS: Array<{ name: string; description: string }> = [
  {
    name: 'AI',
    description: 'Machine learning, generative tools and what they change for newsrooms.',
  },
  {
    name: 'Photography',
    description: 'Pictures, the people who take them and how to credit them.',
  },
  { name: 'Open Web', description: 'Standards, licenses and independent publishing.' },
  { name: 'Newsroom', description: 'How stories get made: workflow, tools and editing.' },
];

export const DEMO_CREDITS: DemoCredit[] = [
  {
    key: 'ai',
    creator: 'Jane Doe',
    year: 2023,
    license: 'all_rights_reserved',
    aiGenerated: true,
    aiTool: 'DALL·E',
  },
  {
    key: 'cc',
    creator: 'Sam Rivera',
    year: 2022,
    license: 'cc_by',
    sourceUrl: 'https://example.org/photos/harbour',
    aiGenerated: false,
  },
  {
    key: 'staff',
    creator: 'Priya Natarajan',
    copyrightHolder: 'The Example Gazette',
    year: 2024,
    license: 'all_rights_reserved',
    aiGenerated: false,
  },
];

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    title: 'What an AI-generated cover image owes its readers',
    author: 'Alex Morgan',
    tags: ['AI', 'Photography'],
    credit: 'ai',
    colors: ['#3b1e6e', '#e0679b'],
    paragraphs: [
      'A cover image sets the tone before a single sentence is read. When that image was produced by a generative model, readers deserve to know it, in plain words, right under the picture.',
      'A good credit line names the tool and the person who guided it. It does not hide behind a vague "illustration" label, and it does not bury the disclosure in a footer no one opens.',
      'Editors who treat generated images like any other commissioned work, with a brief, a review and a credit, keep the trust they have built with their audience.',
    ],
    translations: {
      fr: {
        title: 'Ce qu’une image de couverture générée par IA doit à ses lecteurs',
        paragraphs: [
          'Une image de couverture donne le ton avant même la première phrase. Quand elle a été produite par un modèle génératif, les lecteurs ont le droit de le savoir, en mots simples, juste sous l’image.',
          'Une bonne ligne de crédit nomme l’outil et la personne qui l’a guidé. Elle ne se cache pas derrière une vague mention « illustration » et ne relègue pas l’information dans un pied de page que personne ne lit.',
          'Les rédactions qui traitent les images générées comme toute autre commande, avec un brief, une relecture et un crédit, gardent la confiance qu’elles ont construite avec leur public.',
        ],
      },
    },
  },
  {
    title: 'Crediting photographers under Creative Commons',
    author: 'Robin Keller',
    tags: ['Photography', 'Open Web'],
    credit: 'cc',
    colors: ['#0f4c5c', '#5fb49c'],
    paragraphs: [
      'Creative Commons licenses make it easy to publish a great photograph, as long as the credit is right: the creator, the license and, ideally, a link back to the source.',
      'The attribution does not need to be long. "Photo: Sam Rivera (CC BY 4.0)" says everything a reader and the photographer need.',
      'Keep the license with the image record rather than in the article text, so that every page that reuses the picture prints the same, correct line.',
    ],
  },
  {
    title: 'Counting readers without tracking them',
    author: 'Alex Morgan',
    tags: ['Open Web', 'Newsroom'],
    credit: 'staff',
    colors: ['#1d3557', '#a8dadc'],
    paragraphs: [
      'A view counter does not need cookies, fingerprints or a third-party script. A daily rotating key and a short window are enough to count each visitor once.',
      'Nothing that identifies a reader has to be stored: not the address, not the browser string. The counts stay exact, and the privacy policy stays short.',
    ],
  },
  {
    title: 'A newsroom workflow that survives a busy morning',
    author: 'Dana Ito',
    tags: ['Newsroom'],
    credit: 'staff',
    colors: ['#6a4c93', '#ffca3a'],
    paragraphs: [
      'Breaking news rewards teams that agree on the boring parts in advance: who writes the headline, who checks the image rights, who presses publish.',
      'Drafts should be cheap to create and safe to edit. Slugs should not change after a story is out, because links to it are already being shared.',
      'Most of all, the tools should stay out of the way, so that the people can concentrate on getting the story right.',
    ],
  },
];
