import { App } from 'aws-cdk-lib';
import { OrdersApiStack } from '../lib/orders-api-stack';

const app = new App();
new OrdersApiStack(app, 'OrdersApi', { env: { account: '111122223333', region: 'eu-west-1' } });
