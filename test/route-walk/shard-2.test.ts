/** The route walk, shard 2 of 3 (test/support/route-walk.ts). */
import { defineRouteWalk } from '../support/route-walk.js';

defineRouteWalk(1, 3);
