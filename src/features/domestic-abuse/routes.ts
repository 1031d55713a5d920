import { type FastifyInstance } from 'fastify';
import { type Services } from '../../services.js';

export function registerDomesticAbuseRoutes(_app: FastifyInstance, _services: Services): void {}
