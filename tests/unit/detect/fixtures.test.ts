// Every saved or reconstructed page gives exactly its .expected.json (the `detect` command's output).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFile } from '../../../cli/detect';
import { detectors } from '../../../src/detect';
import { listFixtures } from '../../helpers/fixtures';

const fixtures = listFixtures();

describe('detector fixtures', () => {
  it.each(fixtures.map((f) => [`${f.provider}/${f.file}`, f] as const))('%s matches its expected output exactly', (_, f) => {
    expect(f.url, `${f.provider}/urls.json names ${f.file}`).toMatch(/^https:\/\//);
    expect(existsSync(f.expectedPath), `${f.expectedPath} exists`).toBe(true);
    const expected = JSON.parse(readFileSync(f.expectedPath, 'utf8'));
    expect(detectFile(f.path, f.url)).toStrictEqual(expected);
  });

  it('every detector has fixtures with people in them', () => {
    for (const d of detectors) {
      const own = fixtures.filter((f) => f.provider === d.provider);
      expect(own.length, `fixtures for ${d.provider}`).toBeGreaterThan(0);
      const withPeople = own.filter((f) => JSON.parse(readFileSync(f.expectedPath, 'utf8')).items.length > 0);
      expect(withPeople.length, `fixtures with people for ${d.provider}`).toBeGreaterThan(0);
    }
  });
});
