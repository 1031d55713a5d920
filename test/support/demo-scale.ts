/**
 * The scale of the demo borough the tests copy (1 = the seeds' volumes, which `npm start` always seeds). The test
 * template may be seeded smaller (`TEST_DEMO_SCALE`) to keep the suite fast; tests of the seed's volumes multiply
 * the seeds' figures by it, and keep their rates as they are.
 */
export const TEST_DEMO_SCALE = Number(process.env.TEST_DEMO_SCALE ?? 1);

/** A seed report's yearly figure at the test template's scale. */
export const atTestScale = (figure: number): number => figure * TEST_DEMO_SCALE;
