import { describe, expect, it } from 'vitest';
import { backoffMs, classifySmtpError, messageIdFor } from './smtp-errors';

describe('classifySmtpError', () => {
  it('treats 4xx replies as transient and keeps the server text', () => {
    expect(classifySmtpError({ responseCode: 451, response: '451 4.3.0 Try later', code: 'EENVELOPE' })).toEqual({
      transient: true,
      reason: '451 4.3.0 Try later',
    });
  });
  it('treats 5xx replies as permanent, even with a network-looking code', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 No such user', code: 'EENVELOPE' })).toEqual({
      transient: false,
      reason: '550 5.1.1 No such user',
    });
  });
  it('treats connection errors without a reply as transient', () => {
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toEqual({
      transient: true,
      reason: 'ECONNECTION: connect ECONNREFUSED 127.0.0.1:1',
    });
  });
  it('treats a message the library refuses to build as permanent', () => {
    expect(classifySmtpError({ code: 'EMESSAGE', message: 'bad header' }).transient).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});

describe('messageIdFor', () => {
  it('uses the From domain and is the same every time', () => {
    expect(messageIdFor(7, 42, 'Rekindle <no-reply@mail.example.com>')).toBe('<rekindle.c7.r42@mail.example.com>');
    expect(messageIdFor(7, 42, 'plain@x.io')).toBe('<rekindle.c7.r42@x.io>');
  });
});
