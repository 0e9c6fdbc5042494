export type SafetyRecommendation = 'approve' | 'review' | 'flag';

export interface SafetyFinding {
  category: string;
  match: string;
}

export interface SafetyReport {
  risk: number;
  recommendation: SafetyRecommendation;
  findings: SafetyFinding[];
}

const RULES: Array<{ category: string; weight: number; pattern: RegExp }> = [
  { category: 'personal_data', weight: 0.5, pattern: /\b[\w.+-]+@[\w-]+\.[\w.]+\b/gi },
  { category: 'personal_data', weight: 0.5, pattern: /\+?\b\d[\d\s-]{8,}\d\b/g },
  { category: 'off_platform_link', weight: 0.4, pattern: /\b(?:https?:\/\/|www\.)\S+/gi },
  { category: 'off_platform_link', weight: 0.4, pattern: /\b(?:whatsapp|signal|snapchat|instagram|wa\.me)\b/gi },
  {
    category: 'payment_promise',
    weight: 0.6,
    pattern: /\b(?:guarantee[ds]?|refund|free of charge|discount|\d+\s?% off)\b/gi,
  },
  {
    category: 'price',
    weight: 0.3,
    pattern: /(?:[$€£]\s?\d+|\b\d+(?:[.,]\d{2})?\s?(?:usd|eur|gbp|dollars?|euros?)\b)/gi,
  },
  { category: 'harassment', weight: 0.8, pattern: /\b(?:idiot|stupid|shut up|hate you|moron)\b/gi },
];

/** Advisory only: shown to the reviewer, never blocks or edits a draft. */
export function reviewSafety(bubbles: string[]): SafetyReport {
  const text = bubbles.join('\n');
  const findings: SafetyFinding[] = [];
  let risk = 0;
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      findings.push({ category: rule.category, match: match[0] });
      risk = 1 - (1 - risk) * (1 - rule.weight);
    }
  }
  risk = Math.round(risk * 100) / 100;
  const recommendation: SafetyRecommendation = risk >= 0.7 ? 'flag' : risk >= 0.3 ? 'review' : 'approve';
  return { risk, recommendation, findings };
}
