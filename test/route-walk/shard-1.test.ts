/** The route walk, shard 1 of 3 (test/support/route-walk.ts). */
import { defineRouteWalk } from '../support/route-walk.js';

defineRouteWalk(0, 3);
