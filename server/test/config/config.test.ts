import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig, readEnvFile } from '../../src/config.js';

describe('configuration', () => {
  it('has the documented defaults and picks embedded mode with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      mode: 'embedded',
      telegram: 'sandbox',
      llm: 'offline',
      PORT: 4000,
      DATA_DIR: '.data',
      TYPING_DEBOUNCE_DELAY: 5,
      DEBOUNCE_MAX_WAIT: 30,
      DEBOUNCE_MAX_BATCH: 10,
      ENABLE_TYPING_PACING: true,
      MEMORY_MAX_HISTORY: 50,
      MEMORY_MAX_CONTEXT_KB: 100,
      ADMIN_TELEGRAM_IDS: [],
      RECOVERY_MAX_AGE_HOURS: 12,
      METRICS_CACHE_SECONDS: 5,
    });
    expect(c.METRICS_TOKEN).toBeUndefined();
  });

  it('refuses a metrics token short enough to guess, without repeating it', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN: must be at least 16/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-secret' }).METRICS_TOKEN).toBe('a-long-enough-secret');
  });

  it('parses .env inline comments, quotes and blank values (the start-up failure of the earlier system)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-env-'));
    const file = join(dir, '.env');
    writeFileSync(
      file,
      [
        '# a comment line',
        'TYPING_DEBOUNCE_DELAY=2.5   # seconds',
        'ENABLE_TYPING_PACING="false"',
        "ADMIN_TELEGRAM_IDS='7833076816, 42'",
        'OPENAI_API_KEY=',
        'DEBOUNCE_MAX_BATCH=',
        'LLM_DRAFT_MODEL="gpt-4o # not a comment inside quotes"',
        '',
      ].join('\n'),
    );
    const c = loadConfig(readEnvFile(file));
    expect(c.TYPING_DEBOUNCE_DELAY).toBe(2.5);
    expect(c.ENABLE_TYPING_PACING).toBe(false);
    expect(c.ADMIN_TELEGRAM_IDS).toEqual(['7833076816', '42']);
    expect(c.OPENAI_API_KEY).toBeUndefined();
    expect(c.llm).toBe('offline');
    expect(c.DEBOUNCE_MAX_BATCH).toBe(10);
    expect(c.LLM_DRAFT_MODEL).toBe('gpt-4o # not a comment inside quotes');
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        TYPING_DEBOUNCE_DELAY: '-1',
        ENABLE_TYPING_PACING: 'maybe',
        ADMIN_TELEGRAM_IDS: 'abc',
        DATABASE_URL: 'mysql://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'TYPING_DEBOUNCE_DELAY', 'ENABLE_TYPING_PACING', 'ADMIN_TELEGRAM_IDS', 'DATABASE_URL'])
      expect(message).toContain(name);
  });

  it('requires the three service URLs together and distinct databases', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://h/a' })).toThrow(/RAPPORT_DATABASE_URL[\s\S]*REDIS_URL/);
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgresql://h/a',
        RAPPORT_DATABASE_URL: 'postgresql://h/a',
        REDIS_URL: 'redis://h',
      }),
    ).toThrow(/different database/);
    const c = loadConfig({
      DATABASE_URL: 'postgresql://h/a',
      RAPPORT_DATABASE_URL: 'postgresql://h/b',
      REDIS_URL: 'redis://h',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    expect(c).toMatchObject({ mode: 'services', llm: 'openai' });
  });

  it('never shows secrets when described', () => {
    const c = loadConfig({
      OPENAI_API_KEY: 'sk-secret-value',
      ADMIN_EMAIL: 'a@b.co',
      ADMIN_PASSWORD: 'hunter2hunter2',
      DATABASE_URL: 'postgresql://u:pw@h/a',
      RAPPORT_DATABASE_URL: 'postgresql://u:pw@h/b',
      REDIS_URL: 'redis://:pw@h',
      METRICS_TOKEN: 'metrics-secret-value',
    });
    const text = JSON.stringify(describeConfig(c));
    expect(text).not.toContain('metrics-secret-value');
    expect(text).not.toContain('sk-secret-value');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(':pw@');
  });
});
