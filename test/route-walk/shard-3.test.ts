/** The route walk, shard 3 of 3 (test/support/route-walk.ts). */
import { defineRouteWalk } from '../support/route-walk.js';

defineRouteWalk(2, 3);
