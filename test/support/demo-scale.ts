/**
 * The scale of the demo borough the tests copy. `npm start` always seeds the seeds' volumes (scale 1); the routes,
 * services and journeys run on a smaller borough (0.35: about 4,300 people and a year of every capability), which
 * keeps each page, query and database copy about a third of the size. The tests of the seed's own volumes and rates
 * (`src/db/seed/*.test.ts`, the `seed` project) run on a borough at scale 1. `TEST_DEMO_SCALE` overrides both.
 */
export const DEFAULT_TEST_DEMO_SCALE = 0.35;
export const TEST_DEMO_SCALE = Number(process.env.TEST_DEMO_SCALE ?? DEFAULT_TEST_DEMO_SCALE);

/** A seed report's yearly figure at the test template's scale. */
export const atTestScale = (figure: number): number => figure * TEST_DEMO_SCALE;
