import { ATTACK, eventDetection } from './define';
import { succeeded, who } from './detection';

export const secretsBatchRetrieval = eventDetection(
  {
    id: 'secrets-batch-retrieval',
    title: 'Secrets retrieved in bulk',
    severity: 'MEDIUM',
    description:
      'The secretsmanager.amazonaws.com:BatchGetSecretValue event: one call returns the values of up to 20 secrets, rare in applications, common in credential harvesting.',
    mitre: { technique: 'T1555.006', name: 'Credentials from Password Stores: Cloud Secrets Management Stores' },
    references: [
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-cloudtrail.html',
      `${ATTACK}T1555/006/`,
    ],
    panther: 'AWS.SecretsManager.BatchRetrieveSecrets',
    pantherAlso: ['AWS.SecretsManager.BatchRetrieveSecretsCatchAll'],
    eventNames: ['secretsmanager.amazonaws.com:BatchGetSecretValue'],
  },
  (event) =>
    succeeded(event)
      ? `${who(event)} retrieved secrets in bulk (secretsmanager.amazonaws.com:BatchGetSecretValue)`
      : undefined,
);
