/**
 * How the graph encodes the data: node colour and shape by kind, edge colour by stance, line style
 * by modality. One table, read by the graph's stylesheet and by the legend, so they cannot disagree.
 * Colours are dark enough for white text and for lines on white (WCAG AA, 4.5:1 and more).
 */
import type { EntityKind, Modality, Stance } from '../../src/generated/web/graphql';

export const KIND_STYLE: Record<EntityKind, { color: string; shape: 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon' | 'triangle' | 'barrel'; label: string }> = {
  COUNTRY: { color: '#1f5fa8', shape: 'ellipse', label: 'Country' },
  ORGANIZATION: { color: '#7a3e9d', shape: 'round-rectangle', label: 'Organization' },
  OFFICE: { color: '#8a5a00', shape: 'diamond', label: 'Office' },
  CITY: { color: '#0f6b6b', shape: 'hexagon', label: 'City' },
  REGION: { color: '#4d5a16', shape: 'barrel', label: 'Region' },
  SEA: { color: '#22577a', shape: 'triangle', label: 'Sea' },
};

export const STANCE_STYLE: Record<Stance, { color: string; label: string }> = {
  COOPERATIVE: { color: '#1b7a3a', label: 'Cooperative' },
  NEUTRAL: { color: '#5c6570', label: 'Neutral' },
  ADVERSARIAL: { color: '#b3261e', label: 'Adversarial' },
};

export const MODALITY_STYLE: Record<Modality, { line: 'solid' | 'dashed' | 'dotted'; label: string }> = {
  ASSERTED: { line: 'solid', label: 'Asserted' },
  PLANNED: { line: 'dashed', label: 'Planned' },
  ATTRIBUTED: { line: 'dotted', label: 'Attributed' },
};

/** RELATION_TYPE → "relation type", for labels read by people. */
export function words(constant: string): string {
  return constant.toLowerCase().replace(/_/g, ' ');
}
