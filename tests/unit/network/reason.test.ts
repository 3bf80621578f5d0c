import { describe, expect, it } from 'vitest';
import { betterName, strongerReason } from '../../../src/network/reason';

describe('strongerReason', () => {
  it('keeps the strongest reason, in either order', () => {
    expect(strongerReason('cc', 'they-wrote')).toBe('they-wrote');
    expect(strongerReason('they-wrote', 'cc')).toBe('they-wrote');
    expect(strongerReason('they-wrote', 'you-wrote')).toBe('you-wrote');
    expect(strongerReason('meeting', 'cc')).toBe('meeting');
    expect(strongerReason('manual', 'you-wrote')).toBe('manual');
  });
});

describe('betterName', () => {
  it('prefers a name to none and a full name to initials', () => {
    expect(betterName(null, 'P. de Vries')).toBe('P. de Vries');
    expect(betterName('P. de Vries', null)).toBe('P. de Vries');
    expect(betterName('P. de Vries', 'Pieter de Vries')).toBe('Pieter de Vries');
    expect(betterName('Pieter de Vries', 'P. de Vries')).toBe('Pieter de Vries');
  });
  it('breaks ties the same way whatever the order', () => {
    expect(betterName('Anna', 'Anne')).toBe(betterName('Anne', 'Anna'));
  });
});
