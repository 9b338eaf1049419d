// Webhook bodies in the shapes the providers document, with the fields our receivers read filled
// in from the test's own message. Used by the unit tests and the e2e test.

/** Amazon SES bounce notification (docs.aws.amazon.com/ses/latest/dg/notification-examples.html) inside an SNS envelope. */
export function sesBounce(o: { address: string; messageId: string; at: string; permanent?: boolean }) {
  const message = {
    notificationType: 'Bounce',
    bounce: {
      feedbackId: '0100015e6a2d8d2c-2a3d9f8f-8f7d-4c1f-9d2e-1234567890ab-000000',
      bounceType: o.permanent === false ? 'Transient' : 'Permanent',
      bounceSubType: o.permanent === false ? 'MailboxFull' : 'General',
      bouncedRecipients: [
        { emailAddress: o.address, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
      ],
      timestamp: o.at,
      remoteMtaIp: '127.0.2.0',
      reportingMTA: 'dsn; a27-23.smtp-out.us-west-2.amazonses.com',
    },
    mail: {
      timestamp: o.at,
      source: 'no-reply@rekindle.local',
      sourceArn: 'arn:aws:ses:us-west-2:888888888888:identity/rekindle.local',
      sourceIp: '127.0.3.0',
      sendingAccountId: '888888888888',
      messageId: '0100015e6a2d8b7e-49b62a6c-5a6f-4f3d-a7a4-c7f4d8e5b9a1-000000',
      destination: [o.address],
      headersTruncated: false,
      headers: [
        { name: 'From', value: 'Rekindle <no-reply@rekindle.local>' },
        { name: 'To', value: o.address },
        { name: 'Message-ID', value: o.messageId },
      ],
      commonHeaders: {
        from: ['Rekindle <no-reply@rekindle.local>'],
        to: [o.address],
        messageId: o.messageId,
        subject: 'Last chance',
      },
    },
  };
  return snsEnvelope('Notification', JSON.stringify(message));
}

/** Amazon SES complaint notification in an SNS envelope. */
export function sesComplaint(o: { address: string; messageId: string; at: string }) {
  const message = {
    notificationType: 'Complaint',
    complaint: {
      userAgent: 'ExampleCorp Feedback Loop (V0.01)',
      complainedRecipients: [{ emailAddress: o.address }],
      complaintFeedbackType: 'abuse',
      arrivalDate: o.at,
      timestamp: o.at,
      feedbackId: '000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000',
    },
    mail: {
      timestamp: o.at,
      messageId: '000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000',
      source: 'no-reply@rekindle.local',
      destination: [o.address],
      commonHeaders: { messageId: o.messageId },
    },
  };
  return snsEnvelope('Notification', JSON.stringify(message));
}

/** SNS asks the endpoint to confirm a new subscription (docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html). */
export const snsSubscriptionConfirmation = () =>
  snsEnvelope(
    'SubscriptionConfirmation',
    'You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:ses-bounces.',
    {
      Token:
        '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736',
      SubscribeURL:
        'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:ses-bounces&Token=2336412f37',
    },
  );

function snsEnvelope(type: string, message: string, extra: Record<string, string> = {}) {
  return {
    Type: type,
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: 'arn:aws:sns:us-west-2:123456789012:ses-bounces',
    Subject: 'Amazon SES Email Event Notification',
    Message: message,
    Timestamp: '2012-05-02T00:54:06.655Z',
    SignatureVersion: '1',
    Signature:
      'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
    SigningCertURL: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
    ...extra,
  };
}

/** Postmark bounce webhook (postmarkapp.com/developer/webhooks/bounce-webhook). */
export function postmarkBounce(o: { address: string; at: string; type?: string; content?: string }) {
  return {
    RecordType: 'Bounce',
    MessageStream: 'outbound',
    ID: 4323372036,
    Type: o.type ?? 'HardBounce',
    TypeCode: 1,
    Name: 'Hard bounce',
    Tag: 'last-chance',
    MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
    Metadata: {},
    ServerID: 23,
    Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
    Email: o.address,
    From: 'no-reply@rekindle.local',
    BouncedAt: o.at,
    DumpAvailable: true,
    Inactive: true,
    CanActivate: true,
    Subject: 'Last chance',
    Content: o.content,
  };
}

/** Postmark spam complaint webhook (postmarkapp.com/developer/webhooks/spam-complaint-webhook). */
export function postmarkComplaint(o: { address: string; at: string }) {
  return { ...postmarkBounce(o), RecordType: 'SpamComplaint', Type: 'SpamComplaint', TypeCode: 512, Name: 'Spam complaint' };
}
