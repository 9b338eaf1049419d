import { describe, expect, it } from 'vitest';
import { renderHtml, renderText, type TemplateVars, unknownVariables } from './template';

const vars: TemplateVars = {
  first_name: 'Ana <script>alert(1)</script>',
  last_title: 'The Quiet Coast',
  months_since_last_view: '26',
  plan: 'Standard',
  price: '€12.99',
  offer: 'your next month is on us',
  deadline: '12 March 2027',
  keep_link: 'https://rekindle.example/keep/abc?x=1&y=2',
};

describe('message templates', () => {
  it('names every unknown variable once', () => {
    expect(unknownVariables('Hi {{ first_name }}, {{firstname}} {{ foo }} {{foo}}')).toEqual(['firstname', 'foo']);
    expect(unknownVariables('Hi {{first_name}}')).toEqual([]);
  });

  it('substitutes variables in plain text', () => {
    expect(renderText('Hi {{first_name}}, {{ months_since_last_view }} months', { ...vars, first_name: 'Ana' })).toBe(
      'Hi Ana, 26 months',
    );
  });

  it('escapes values and template text in HTML, so injected markup is inert', () => {
    const html = renderHtml('<b>Hi</b> {{first_name}}', vars);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('turns the keep link into an escaped anchor and keeps line breaks', () => {
    const html = renderHtml('Keep it:\n{{keep_link}}', vars);
    expect(html).toBe(
      'Keep it:<br>\n<a href="https://rekindle.example/keep/abc?x=1&amp;y=2">https://rekindle.example/keep/abc?x=1&amp;y=2</a>',
    );
  });
});
