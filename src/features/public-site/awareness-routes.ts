/** (Being built.) */
import { type FastifyInstance } from 'fastify';
import { type PublicRoutesContext } from './routes.js';

export function registerAwarenessRoutes(_pub: FastifyInstance, _ctx: PublicRoutesContext): void {}
