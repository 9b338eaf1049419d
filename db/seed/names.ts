// Emails of demo people use the reserved example.* domains (RFC 2606), so a demo campaign can never
// mail a real person.

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];
